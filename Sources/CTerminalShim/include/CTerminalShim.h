// The only door to ncurses. Swift never sees curses.h: every ncurses global (stdscr, LINES, COLS),
// function-like macro (COLOR_PAIR, A_BOLD, getmaxyx) and key code goes through these functions, and the
// signal handlers live here too, because a handler needs C state and must only touch async-signal-safe
// things (a flag and a pipe).
#pragma once
#include <wchar.h>

/// Result of ct_start.
enum {
    CT_STARTED = 0,
    CT_NO_TERMINAL_TYPE = 1,   // neither $TERM nor the fallbacks are known to terminfo
    CT_NOT_A_TERMINAL = 2,     // stdin or stdout is not a terminal
    CT_NO_CURSOR_ADDRESSING = 3, // the type cannot move the cursor (TERM=dumb, Emacs' shell): no screen to draw
};

/// What ct_wait saw; several may be set.
enum {
    CT_WAIT_INPUT = 1,     // stdin has bytes
    CT_WAIT_WOKEN = 2,     // ct_wake was called, or a signal arrived
    CT_WAIT_HANGUP = 4,    // stdin is gone (EOF, SIGHUP, an error): the session is over
};

/// Kinds of key ct_read_key returns.
enum {
    CT_KEY_NONE = 0,       // nothing more to read
    CT_KEY_CHARACTER,      // *codepoint holds it (Enter, Tab, Esc, Backspace included as their codes)
    CT_KEY_UP, CT_KEY_DOWN, CT_KEY_LEFT, CT_KEY_RIGHT,
    CT_KEY_PAGE_UP, CT_KEY_PAGE_DOWN, CT_KEY_HOME, CT_KEY_END,
    CT_KEY_ENTER, CT_KEY_BACKSPACE, CT_KEY_BACK_TAB, CT_KEY_DELETE,
    CT_KEY_RESIZE,
    CT_KEY_OTHER,          // a function key the dashboard does not use
};

/// How long ncurses waits after an Esc for the rest of a sequence; the key reader waits as long again for a
/// sequence ncurses does not know (`EscapeSequenceReader`).
enum { CT_ESCAPE_DELAY_MS = 25 };

/// Semantic colours, mapped to the 8 basic colours on the terminal's default background.
enum {
    CT_COLOR_RED = 1, CT_COLOR_GREEN, CT_COLOR_YELLOW, CT_COLOR_BLUE, CT_COLOR_MAGENTA, CT_COLOR_CYAN,
};

/// Calls setlocale(LC_ALL, "") and says whether the codeset is UTF-8 (otherwise only ASCII is drawn).
int ct_setup_locale_is_utf8(void);
/// Whether that setlocale failed: the environment names a locale that is not installed (the C locale is used).
int ct_locale_was_unavailable(void);

/// Installs SIGINT/SIGTERM/SIGHUP/SIGCONT and crash handlers, and the wake pipe. Call before ct_start,
/// so that ncurses sees the termination signals already handled and leaves them alone.
int ct_install_signal_handlers(void);

/// newterm on stdin/stdout with $TERM, falling back to xterm-256color then vt100; cbreak, no echo,
/// keypad, ESCDELAY 25 ms, hidden cursor, and the usual Home/End/Delete/arrow variants defined as keys
/// (terminals and tmux send them whatever the terminfo entry says). `term_used` receives the type that worked (static storage).
int ct_start(const char **term_used);
/// Gives the terminal back (endwin, delscreen). A type without an alternate screen (vt100, linux) is
/// cleared first, so the dashboard is not left on it. Safe to call twice, and from the crash path.
void ct_stop(void);

/// Colours: start_color + use_default_colors; then pairs of a foreground on the default background.
int ct_has_colors(void);
void ct_start_colors(void);
void ct_define_pair(short pair, short foreground);

int ct_lines(void);
int ct_cols(void);

/// Writes `length` wide characters at (y, x) in a style. Writing the bottom-right cell is allowed.
void ct_put(int y, int x, const wchar_t *text, int length, short pair, int bold, int reverse, int dim, int underline);
/// One refresh per frame.
void ct_refresh(void);
/// The next frame repaints everything (after a resume, when the screen may hold anything).
void ct_force_full_repaint(void);

/// Reads one key without waiting. Returns a CT_KEY_* kind.
int ct_read_key(unsigned int *codepoint);

/// Blocks until input, a wake-up or hangup, or `timeout_ms` (-1: no timeout). Returns CT_WAIT_* bits.
int ct_wait(int timeout_ms);
/// Blocks until stdin has bytes or `timeout_ms` passes; 1 if it has. Leaves the wake pipe alone, so a wake-up
/// or signal that arrives meanwhile is still seen by the next ct_wait.
int ct_wait_input(int timeout_ms);
/// Wakes ct_wait from any thread.
void ct_wake(void);

/// The termination signal received (SIGINT, SIGTERM, SIGHUP), or 0. Reading it clears it.
int ct_take_termination_signal(void);
/// 1 if the process was continued (after Ctrl-Z and fg) since the last call.
int ct_take_continued(void);
