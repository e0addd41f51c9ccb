/* lock.h — the in-memory model of a lock: the pins of one solution for one target, with their
 * hashes and why each is there. Every writer (requirements.txt, later pylock.toml, JSON) writes
 * a gl_lock and every reader gives one back, so `diff` compares locks, not file formats. */
#ifndef GL_LOCK_H
#define GL_LOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct gl_lock_pin {
    char *name;    /* PEP 503 normalised; the sort key */
    char *version; /* as the index spells it, local label included ("2.9.0+cu128") */
    char *url;     /* a direct reference ("name @ URL"), or NULL */
    char **hashes; /* "sha256:<hex>", sorted, unique */
    size_t nhashes;
    char **via; /* "-r requirements.in", "trl", …: sorted, unique */
    size_t nvia;
    bool digest_unknown; /* some compatible file of this pin has no known sha256 */
} gl_lock_pin;

typedef struct gl_lock {
    char *python;   /* "3.11" */
    char *platform; /* "manylinux_2_35_x86_64" */
    char *command;  /* the command line that regenerates the lock */
    char *source;   /* "embedded snapshot", "snapshot DIR", or the index URLs, for the header */
    char *index_url;
    char **extra_index_urls;
    size_t nextra_index_urls;
    gl_lock_pin *pins; /* sorted by name once gl_lock_sort has run */
    size_t npins;
    size_t cap;
} gl_lock;

void gl_lock_init(gl_lock *lock);
void gl_lock_free(gl_lock *lock);

/* Adds a pin (strings copied) and returns it for hashes and via to be added. */
gl_lock_pin *gl_lock_add_pin(gl_lock *lock, const char *name, const char *version, const char *url);
bool gl_lock_pin_add_hash(gl_lock_pin *pin, const char *hash);
bool gl_lock_pin_add_via(gl_lock_pin *pin, const char *via);
bool gl_lock_add_extra_index_url(gl_lock *lock, const char *url);
/* Sorts pins by name and each pin's hashes and via; drops duplicates. */
void gl_lock_sort(gl_lock *lock);
const gl_lock_pin *gl_lock_find(const gl_lock *lock, const char *name);

#endif
