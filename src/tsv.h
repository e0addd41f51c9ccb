/* tsv.h — lines of tab-separated fields, as in the snapshot manifest and debug batch input.
 * Splitting happens in place, so callers read fields without copying them. */
#ifndef GL_TSV_H
#define GL_TSV_H

/* Splits line in place at TABs into at most max fields (max >= 1), pointing fields[] into it; the
 * last field keeps any further TABs. Returns how many fields there are. */
int gl_tsv_split(char *line, char **fields, int max);

#endif
