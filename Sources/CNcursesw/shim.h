// The wide-character API only exists when this is defined before the include.
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
