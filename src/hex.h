/* hex.h — hexadecimal digits, as read in digests and in URL percent-escapes.
 * One reading of a digit for every module that meets them, so none disagrees on case. */
#ifndef GL_HEX_H
#define GL_HEX_H

/* 0-15 for '0'-'9', 'a'-'f' and 'A'-'F'; -1 for anything else (the NUL included). */
int gl_hex_digit_value(char c);

#endif
