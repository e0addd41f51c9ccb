/* hex.h — hexadecimal digits, as read in digests and in URL percent-escapes.
 * One reading of a digit for every module that meets them, so none disagrees on case. */
#ifndef GL_HEX_H
#define GL_HEX_H

#include <stdbool.h>
#include <stddef.h>

/* Indexed by byte: a digit's value, -1 for anything else. A table, not comparisons: digests
 * are random digits and letters, on which range tests mispredict about every other byte. */
extern const signed char gl_hex_digit_values[256];

/* 0-15 for '0'-'9', 'a'-'f' and 'A'-'F'; -1 for anything else (the NUL included). Inline,
 * as index pages call it for every character of every digest they carry. */
static inline int gl_hex_digit_value(char c)
{
    return gl_hex_digit_values[(unsigned char)c];
}

/* True when s[0..n) is all hex digits. Arithmetic, not the table: compilers then check many
 * bytes at once, and a digest is tens of digits. */
bool gl_hex_all_digits(const char *s, size_t n);

#endif
