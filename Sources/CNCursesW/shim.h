// ncursesw hides its wide-character API unless NCURSES_WIDECHAR is set, and SwiftPM drops the
// -D_XOPEN_SOURCE flag that pkg-config would give, so the define lives here.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/ncurses.h>
