#include "hex.h"

#define X -1
const signed char gl_hex_digit_values[256] = {
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, /* 0x00 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, /* 0x10 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, /* 0x20 */
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, X, X, X, X, X, X, /* 0x30: '0'-'9' */
    X, 10, 11, 12, 13, 14, 15, X, X, X, X, X, X, X, X, X, /* 0x40: 'A'-'F' */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, /* 0x50 */
    X, 10, 11, 12, 13, 14, 15, X, X, X, X, X, X, X, X, X, /* 0x60: 'a'-'f' */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, /* 0x70 */
    /* 0x80-0xff: no digits */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
};
#undef X

bool gl_hex_all_digits(const char *s, size_t n)
{
    unsigned char bad = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned char digit = (unsigned char)(c - '0') < 10;
        unsigned char letter = (unsigned char)((c | 0x20) - 'a') < 6; /* 'a'-'f' or 'A'-'F' */
        bad |= !(digit | letter);
    }
    return !bad;
}
