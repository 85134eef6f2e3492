// The ncurses shim and the signal handling of the dashboard. See CTerminalShim.h.
#define _GNU_SOURCE
// The wide-character API (wget_wch, mvwaddnwstr) exists only when this is defined before the include.
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <ncursesw/term.h>  // tigetstr, putp
#include "CTerminalShim.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

static SCREEN *screen = NULL;
static volatile sig_atomic_t curses_active = 0;
static volatile sig_atomic_t termination_signal = 0;
static volatile sig_atomic_t continued = 0;
static int wake_pipe[2] = {-1, -1};

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
#define CRASH_SIGNAL_COUNT (sizeof(crash_signals) / sizeof(crash_signals[0]))
// The handlers that were there before ours (the Swift runtime's backtracer, usually): after the terminal
// is restored, the crash goes to them so its report prints on a sane terminal.
static struct sigaction previous_crash_actions[CRASH_SIGNAL_COUNT];
static struct sigaction previous_winch_action;

static void poke_wake_pipe(void) {
    if (wake_pipe[1] >= 0) {
        int saved = errno;
        char byte = 1;
        ssize_t ignored = write(wake_pipe[1], &byte, 1);  // full pipe: a wake-up is already pending
        (void)ignored;
        errno = saved;
    }
}

static void on_termination(int sig) {
    termination_signal = sig;
    poke_wake_pipe();
}

static void on_continue(int sig) {
    (void)sig;
    continued = 1;
    poke_wake_pipe();
}

// ncurses turns SIGWINCH into KEY_RESIZE with its own handler; ours runs it, then wakes the loop, which
// may be blocked in poll and would otherwise see the resize only at the next key.
static void on_window_change(int sig) {
    if (previous_winch_action.sa_flags & SA_SIGINFO) {
        // ncurses installs a plain handler; a siginfo one cannot be called without its arguments.
    } else if (previous_winch_action.sa_handler != SIG_DFL && previous_winch_action.sa_handler != SIG_IGN
               && previous_winch_action.sa_handler != NULL) {
        previous_winch_action.sa_handler(sig);
    }
    poke_wake_pipe();
}

static void on_crash(int sig) {
    // Not async-signal-safe in theory; in practice this is what htop and btop do, and the alternative is
    // a terminal left without echo.
    if (curses_active) {
        curses_active = 0;
        endwin();
    }
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        if (crash_signals[i] == sig) {
            sigaction(sig, &previous_crash_actions[i], NULL);
        }
    }
    raise(sig);  // SA_NODEFER: delivered now, to the previous handler or the default action
}

static void install(int sig, void (*handler)(int), int flags, struct sigaction *previous) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = flags;
    sigaction(sig, &action, previous);
}

static int locale_unavailable = 0;

int ct_setup_locale_is_utf8(void) {
    locale_unavailable = setlocale(LC_ALL, "") == NULL;
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "utf8") == 0);
}

int ct_locale_was_unavailable(void) { return locale_unavailable; }

// tigetstr's answer for a capability the type lacks: NULL (not a string capability) or (char *)-1 (absent).
static int has_string_capability(const char *name) {
    const char *value = tigetstr(name);
    return value != NULL && value != (char *)-1 && value[0] != '\0';
}

int ct_install_signal_handlers(void) {
    if (wake_pipe[0] < 0 && pipe2(wake_pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
        return -1;
    }
    install(SIGINT, on_termination, 0, NULL);
    install(SIGTERM, on_termination, 0, NULL);
    install(SIGHUP, on_termination, 0, NULL);
    install(SIGCONT, on_continue, SA_RESTART, NULL);
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        install(crash_signals[i], on_crash, SA_NODEFER, &previous_crash_actions[i]);
    }
    return 0;
}

// The usual variants of the keys the dashboard uses, as htop's CRT.c defines them: a terminfo entry lists one
// sequence per key, and terminals send others (tmux under TERM=xterm-256color sends ESC [ 4 ~ or ESC [ F for
// End where the entry says ESC O F). Unknown to ncurses, their bytes would arrive as Esc, `[`, digits. A
// sequence already bound (or the prefix of one) is left as it is.
static void define_key_variants(void) {
    static const struct { const char *sequence; int code; } variants[] = {
        {"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME}, {"\033[H", KEY_HOME}, {"\033OH", KEY_HOME},
        {"\033[4~", KEY_END}, {"\033[8~", KEY_END}, {"\033[F", KEY_END}, {"\033OF", KEY_END},
        {"\033[3~", KEY_DC}, {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE}, {"\033[Z", KEY_BTAB},
        {"\033[A", KEY_UP}, {"\033[B", KEY_DOWN}, {"\033[C", KEY_RIGHT}, {"\033[D", KEY_LEFT},
        {"\033OA", KEY_UP}, {"\033OB", KEY_DOWN}, {"\033OC", KEY_RIGHT}, {"\033OD", KEY_LEFT},
    };
    for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
        if (key_defined(variants[i].sequence) == 0) define_key(variants[i].sequence, variants[i].code);
    }
}

int ct_start(const char **term_used) {
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        return CT_NOT_A_TERMINAL;
    }
    const char *candidates[] = {getenv("TERM"), "xterm-256color", "vt100"};
    for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]) && screen == NULL; i++) {
        if (candidates[i] == NULL || candidates[i][0] == '\0') continue;
        // newterm reports an unknown type by returning NULL, where initscr would exit the process.
        screen = newterm(candidates[i], stdout, stdin);
        if (screen != NULL && term_used != NULL) *term_used = candidates[i];
    }
    if (screen == NULL) {
        return CT_NO_TERMINAL_TYPE;
    }
    set_term(screen);
    if (!has_string_capability("cup")) {
        // newterm accepts "dumb", and ncurses would then draw every row on one line.
        endwin();
        delscreen(screen);
        screen = NULL;
        return CT_NO_CURSOR_ADDRESSING;
    }
    curses_active = 1;
    cbreak();          // Ctrl-C and Ctrl-Z stay signals: SIGINT quits, SIGTSTP suspends (ncurses' handler)
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    define_key_variants();
    nodelay(stdscr, TRUE);  // waiting happens in ct_wait, never inside getch
    set_escdelay(CT_ESCAPE_DELAY_MS);
    leaveok(stdscr, TRUE);
    curs_set(0);
    install(SIGWINCH, on_window_change, 0, &previous_winch_action);
    return CT_STARTED;
}

void ct_stop(void) {
    if (screen == NULL) return;
    if (curses_active) {
        curses_active = 0;
        // Without an alternate screen (smcup) the last frame would stay under the shell's prompt.
        int clears = !has_string_capability("smcup") && has_string_capability("clear");
        curs_set(1);
        endwin();
        if (clears) {
            putp(tigetstr("clear"));
            fflush(stdout);
        }
    }
    sigaction(SIGWINCH, &previous_winch_action, NULL);
    delscreen(screen);
    screen = NULL;
}

int ct_has_colors(void) { return has_colors(); }

void ct_start_colors(void) {
    start_color();
    use_default_colors();  // -1 below: the terminal's own background, light or dark
}

void ct_define_pair(short pair, short foreground) {
    static const short palette[] = {0, COLOR_RED, COLOR_GREEN, COLOR_YELLOW, COLOR_BLUE, COLOR_MAGENTA, COLOR_CYAN};
    short color = (foreground > 0 && foreground < (short)(sizeof(palette) / sizeof(palette[0]))) ? palette[foreground] : -1;
    init_pair(pair, color, -1);
}

int ct_lines(void) { return screen ? LINES : 0; }
int ct_cols(void) { return screen ? COLS : 0; }

void ct_put(int y, int x, const wchar_t *text, int length, short pair, int bold, int reverse, int dim, int underline) {
    attr_t attributes = A_NORMAL;
    if (underline) attributes |= A_UNDERLINE;
    if (bold) attributes |= A_BOLD;
    if (reverse) attributes |= A_REVERSE;
    if (dim) attributes |= A_DIM;
    wattr_set(stdscr, attributes, pair, NULL);
    mvwaddnwstr(stdscr, y, x, text, length);
    wattr_set(stdscr, A_NORMAL, 0, NULL);
}

void ct_refresh(void) {
    wnoutrefresh(stdscr);
    doupdate();
}

void ct_force_full_repaint(void) { clearok(curscr, TRUE); }

int ct_read_key(unsigned int *codepoint) {
    wint_t key = 0;
    int result = wget_wch(stdscr, &key);
    if (result == ERR) return CT_KEY_NONE;
    if (result == OK) {
        *codepoint = (unsigned int)key;
        return CT_KEY_CHARACTER;
    }
    switch (key) {  // KEY_CODE_YES: a function key
    case KEY_UP: return CT_KEY_UP;
    case KEY_DOWN: return CT_KEY_DOWN;
    case KEY_LEFT: return CT_KEY_LEFT;
    case KEY_RIGHT: return CT_KEY_RIGHT;
    case KEY_PPAGE: return CT_KEY_PAGE_UP;
    case KEY_NPAGE: return CT_KEY_PAGE_DOWN;
    case KEY_HOME: return CT_KEY_HOME;
    case KEY_END: return CT_KEY_END;
    case KEY_ENTER: return CT_KEY_ENTER;
    case KEY_BACKSPACE: return CT_KEY_BACKSPACE;
    case KEY_BTAB: return CT_KEY_BACK_TAB;
    case KEY_DC: return CT_KEY_DELETE;
    case KEY_RESIZE: return CT_KEY_RESIZE;
    default: return CT_KEY_OTHER;
    }
}

int ct_wait(int timeout_ms) {
    struct pollfd fds[2] = {
        {.fd = STDIN_FILENO, .events = POLLIN},
        {.fd = wake_pipe[0], .events = POLLIN},
    };
    int result = poll(fds, wake_pipe[0] >= 0 ? 2 : 1, timeout_ms);
    if (result < 0) {
        return errno == EINTR ? CT_WAIT_WOKEN : CT_WAIT_HANGUP;
    }
    int seen = 0;
    if (fds[1].revents & POLLIN) {
        char drain[64];
        while (read(wake_pipe[0], drain, sizeof(drain)) > 0) {}
        seen |= CT_WAIT_WOKEN;
    }
    if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
        seen |= CT_WAIT_HANGUP;
    } else if (fds[0].revents & POLLIN) {
        // Readable with nothing to read is end of file: a loop that kept reading would spin at 100% CPU.
        int pending = 0;
        if (ioctl(STDIN_FILENO, FIONREAD, &pending) == 0 && pending == 0) {
            seen |= CT_WAIT_HANGUP;
        } else {
            seen |= CT_WAIT_INPUT;
        }
    }
    return seen;
}

int ct_wait_input(int timeout_ms) {
    struct pollfd input = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&input, 1, timeout_ms) > 0 && (input.revents & POLLIN) ? 1 : 0;
}

void ct_wake(void) { poke_wake_pipe(); }

int ct_take_termination_signal(void) {
    int sig = termination_signal;
    termination_signal = 0;
    return sig;
}

int ct_take_continued(void) {
    int was = continued;
    continued = 0;
    return was;
}
