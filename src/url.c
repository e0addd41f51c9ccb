/* url.c — resolution goes through libcurl's RFC 3986 parser so that gpulock and the transfer
 * that later fetches the URL agree on what it means; redaction is plain text work because it
 * must also cope with URLs no parser accepts. */
#include "url.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#define SHOW_MAX 300 /* longest URL shown in an error message */

char *gl_url_resolve(const char *base, const char *ref, char **fragment, gl_error *err)
{
    if (fragment)
        *fragment = NULL;
    char shown_base[SHOW_MAX], shown_ref[SHOW_MAX];
    gl_url_redact_to(base, shown_base, sizeof shown_base);
    gl_url_redact_to(ref, shown_ref, sizeof shown_ref);

    /* Browsers ignore spaces and control characters around an href. */
    while (*ref && (unsigned char)*ref <= ' ')
        ref++;
    size_t reflen = strlen(ref);
    while (reflen > 0 && (unsigned char)ref[reflen - 1] <= ' ')
        reflen--;
    char *trimmed = strndup(ref, reflen);
    CURLU *u = curl_url();
    if (!trimmed || !u) {
        free(trimmed);
        curl_url_cleanup(u);
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return NULL;
    }
    char *abs = NULL, *frag = NULL, *result = NULL;
    CURLUcode rc = curl_url_set(u, CURLUPART_URL, base, 0);
    if (rc != CURLUE_OK) {
        gl_error_set(err, GL_EINVAL, "cannot resolve '%s' against '%s': bad base URL: %s",
                     shown_ref, shown_base, curl_url_strerror(rc));
        goto out;
    }
    /* A relative reference set on a handle holding a URL is resolved against it;
     * CURLU_URLENCODE escapes spaces and non-ASCII bytes but leaves existing %XX alone. */
    rc = curl_url_set(u, CURLUPART_URL, trimmed, CURLU_URLENCODE);
    if (rc != CURLUE_OK) {
        gl_error_set(err, GL_EINVAL, "cannot resolve '%s' against '%s': %s", shown_ref,
                     shown_base, curl_url_strerror(rc));
        goto out;
    }
    rc = curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0);
    if (rc != CURLUE_OK && rc != CURLUE_NO_FRAGMENT) {
        gl_error_set(err, GL_EINVAL, "cannot resolve '%s' against '%s': %s", shown_ref,
                     shown_base, curl_url_strerror(rc));
        goto out;
    }
    if (frag)
        curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
    rc = curl_url_get(u, CURLUPART_URL, &abs, 0);
    if (rc != CURLUE_OK) {
        gl_error_set(err, GL_EINVAL, "cannot resolve '%s' against '%s': %s", shown_ref,
                     shown_base, curl_url_strerror(rc));
        goto out;
    }
    /* Hand out malloc'd copies so callers free with free(), not curl_free(). */
    result = strdup(abs);
    if (result && fragment && frag) {
        *fragment = strdup(frag);
        if (!*fragment) {
            free(result);
            result = NULL;
        }
    }
    if (!result)
        gl_error_set(err, GL_ENOMEM, "out of memory");
out:
    curl_free(abs);
    curl_free(frag);
    curl_url_cleanup(u);
    free(trimmed);
    return result;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *gl_url_filename(const char *url, gl_error *err)
{
    char shown[SHOW_MAX];
    gl_url_redact_to(url, shown, sizeof shown);
    CURLU *u = curl_url();
    char *path = NULL, *name = NULL;
    if (!u) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return NULL;
    }
    CURLUcode rc = curl_url_set(u, CURLUPART_URL, url, CURLU_URLENCODE);
    if (rc == CURLUE_OK)
        rc = curl_url_get(u, CURLUPART_PATH, &path, 0);
    if (rc != CURLUE_OK) {
        gl_error_set(err, GL_EINVAL, "cannot take a file name from '%s': %s", shown,
                     curl_url_strerror(rc));
        goto out;
    }
    const char *seg = strrchr(path, '/');
    seg = seg ? seg + 1 : path;
    size_t n = strlen(seg);
    name = malloc(n + 1);
    if (!name) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        goto out;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (seg[i] == '%' && i + 2 < n && (hi = hex_digit(seg[i + 1])) >= 0 &&
            (lo = hex_digit(seg[i + 2])) >= 0) {
            char c = (char)(hi * 16 + lo);
            if (c == '\0' || c == '/') {
                gl_error_set(err, GL_EINVAL,
                             "cannot take a file name from '%s': '%%%c%c' decodes to %s", shown,
                             seg[i + 1], seg[i + 2], c ? "'/'" : "a NUL byte");
                free(name);
                name = NULL;
                goto out;
            }
            name[o++] = c;
            i += 2;
        } else {
            name[o++] = seg[i]; /* a stray '%' stays as written */
        }
    }
    name[o] = '\0';
out:
    curl_free(path);
    curl_url_cleanup(u);
    return name;
}

size_t gl_url_redact_to(const char *url, char *buf, size_t size)
{
    if (!url)
        url = "";
    const char *sep = strstr(url, "://");
    const char *at = NULL;
    if (sep) {
        const char *host = sep + 3;
        size_t authority = strcspn(host, "/?#");
        for (size_t i = 0; i < authority; i++)
            if (host[i] == '@')
                at = host + i; /* the last '@': a password may contain '@' unescaped */
    }
    int n;
    if (at)
        n = snprintf(buf, size, "%.*s****%s", (int)(sep + 3 - url), url, at);
    else
        n = snprintf(buf, size, "%s", url);
    return n < 0 ? 0 : (size_t)n;
}

char *gl_url_redact(const char *url)
{
    size_t n = gl_url_redact_to(url, NULL, 0);
    char *s = malloc(n + 1);
    if (s)
        gl_url_redact_to(url, s, n + 1);
    return s;
}
