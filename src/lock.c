#include "lock.h"

#include <stdlib.h>
#include <string.h>

void gl_lock_init(gl_lock *lock) { memset(lock, 0, sizeof *lock); }

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void gl_lock_free(gl_lock *lock)
{
    for (size_t i = 0; i < lock->npins; i++) {
        gl_lock_pin *p = &lock->pins[i];
        free(p->name);
        free(p->version);
        free(p->url);
        free_strings(p->hashes, p->nhashes);
        free_strings(p->via, p->nvia);
    }
    free(lock->pins);
    free(lock->python);
    free(lock->platform);
    free(lock->command);
    free(lock->source);
    free(lock->index_url);
    free_strings(lock->extra_index_urls, lock->nextra_index_urls);
    memset(lock, 0, sizeof *lock);
}

gl_lock_pin *gl_lock_add_pin(gl_lock *lock, const char *name, const char *version, const char *url)
{
    if (lock->npins == lock->cap) {
        size_t cap = lock->cap ? lock->cap * 2 : 32;
        gl_lock_pin *pins = realloc(lock->pins, cap * sizeof *pins);
        if (!pins)
            return NULL;
        lock->pins = pins;
        lock->cap = cap;
    }
    gl_lock_pin *p = &lock->pins[lock->npins];
    memset(p, 0, sizeof *p);
    p->name = strdup(name);
    p->version = strdup(version);
    p->url = url ? strdup(url) : NULL;
    if (!p->name || !p->version || (url && !p->url)) {
        free(p->name);
        free(p->version);
        free(p->url);
        return NULL;
    }
    lock->npins++;
    return p;
}

static bool push_string(char ***v, size_t *n, const char *s)
{
    char **grown = realloc(*v, (*n + 1) * sizeof **v);
    if (!grown)
        return false;
    *v = grown;
    if (!(grown[*n] = strdup(s)))
        return false;
    (*n)++;
    return true;
}

bool gl_lock_pin_add_hash(gl_lock_pin *pin, const char *hash) { return push_string(&pin->hashes, &pin->nhashes, hash); }

bool gl_lock_pin_add_via(gl_lock_pin *pin, const char *via) { return push_string(&pin->via, &pin->nvia, via); }

bool gl_lock_add_extra_index_url(gl_lock *lock, const char *url)
{
    for (size_t i = 0; i < lock->nextra_index_urls; i++)
        if (!strcmp(lock->extra_index_urls[i], url))
            return true;
    return push_string(&lock->extra_index_urls, &lock->nextra_index_urls, url);
}

static int cmp_strings(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* pip-compile lists "-r file" and "-c file" sources before package names. */
static int cmp_via(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    bool xo = x[0] == '-', yo = y[0] == '-';
    if (xo != yo)
        return xo ? -1 : 1;
    return strcmp(x, y);
}

static void sort_unique(char **v, size_t *n, int (*cmp)(const void *, const void *))
{
    if (*n < 2)
        return;
    qsort(v, *n, sizeof *v, cmp);
    size_t out = 1;
    for (size_t i = 1; i < *n; i++) {
        if (!strcmp(v[i], v[out - 1]))
            free(v[i]);
        else
            v[out++] = v[i];
    }
    *n = out;
}

static int cmp_pins(const void *a, const void *b)
{
    return strcmp(((const gl_lock_pin *)a)->name, ((const gl_lock_pin *)b)->name);
}

void gl_lock_sort(gl_lock *lock)
{
    qsort(lock->pins, lock->npins, sizeof *lock->pins, cmp_pins);
    for (size_t i = 0; i < lock->npins; i++) {
        sort_unique(lock->pins[i].hashes, &lock->pins[i].nhashes, cmp_strings);
        sort_unique(lock->pins[i].via, &lock->pins[i].nvia, cmp_via);
    }
}

const gl_lock_pin *gl_lock_find(const gl_lock *lock, const char *name)
{
    for (size_t i = 0; i < lock->npins; i++)
        if (!strcmp(lock->pins[i].name, name))
            return &lock->pins[i];
    return NULL;
}
