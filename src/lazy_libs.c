/* lazy_libs.c — dlopen of libcurl and libxml2 by soname, each once per process.
 * The tables are the one piece of process-wide state in gpulock: the dynamic loader's state is
 * process-wide anyway, and a library is loaded at most once, under pthread_once. */
#include "lazy_libs.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* The sonames of the ABIs the headers describe (libcurl 7.x/8.x and libxml2 2.x). */
#define GL_LIBCURL_SONAME "libcurl.so.4"
#define GL_LIBXML2_SONAME "libxml2.so.2"

typedef struct lazy_lib {
    pthread_once_t once;
    const char *soname;
    bool ok;
    char error[512];
} lazy_lib;

static lazy_lib curl_lib = {PTHREAD_ONCE_INIT, GL_LIBCURL_SONAME, false, ""};
static lazy_lib xml_lib = {PTHREAD_ONCE_INIT, GL_LIBXML2_SONAME, false, ""};
static gl_curl_api curl_table;
static gl_xml_api xml_table;

/* Stores symbol's address in *slot, a function pointer of slot_size bytes: POSIX guarantees
 * the conversion from dlsym's void *, and memcpy says so without a cast C11 frowns upon. */
static bool bind_symbol(lazy_lib *lib, void *handle, void *slot, size_t slot_size, const char *symbol)
{
    void *sym = dlsym(handle, symbol);
    if (!sym || slot_size != sizeof sym) {
        snprintf(lib->error, sizeof lib->error, "%s lacks %s", lib->soname, symbol);
        return false;
    }
    memcpy(slot, &sym, sizeof sym);
    return true;
}

/* Binds one entry of a table in a load_* function, which gives up at the first one missing. */
#define BIND(lib, handle, slot, symbol)                                                      \
    do {                                                                                     \
        if (!bind_symbol((lib), (handle), &(slot), sizeof(slot), (symbol)))                  \
            return;                                                                          \
    } while (0)

static void *open_lib(lazy_lib *lib)
{
    void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(lib->error, sizeof lib->error, "%s", why ? why : "not found");
    }
    return h;
}

static void load_curl(void)
{
    void *h = open_lib(&curl_lib);
    if (!h)
        return;
#define BIND_CURL(field, symbol) BIND(&curl_lib, h, curl_table.field, symbol)
    BIND_CURL(global_init, "curl_global_init");
    BIND_CURL(global_cleanup, "curl_global_cleanup");
    BIND_CURL(easy_init, "curl_easy_init");
    BIND_CURL(easy_setopt, "curl_easy_setopt");
    BIND_CURL(easy_getinfo, "curl_easy_getinfo");
    BIND_CURL(easy_reset, "curl_easy_reset");
    BIND_CURL(easy_cleanup, "curl_easy_cleanup");
    BIND_CURL(easy_strerror, "curl_easy_strerror");
    BIND_CURL(multi_init, "curl_multi_init");
    BIND_CURL(multi_setopt, "curl_multi_setopt");
    BIND_CURL(multi_add_handle, "curl_multi_add_handle");
    BIND_CURL(multi_remove_handle, "curl_multi_remove_handle");
    BIND_CURL(multi_perform, "curl_multi_perform");
    BIND_CURL(multi_poll, "curl_multi_poll");
    BIND_CURL(multi_info_read, "curl_multi_info_read");
    BIND_CURL(multi_cleanup, "curl_multi_cleanup");
    BIND_CURL(multi_strerror, "curl_multi_strerror");
    BIND_CURL(slist_append, "curl_slist_append");
    BIND_CURL(slist_free_all, "curl_slist_free_all");
    BIND_CURL(url, "curl_url");
    BIND_CURL(url_dup, "curl_url_dup");
    BIND_CURL(url_cleanup, "curl_url_cleanup");
    BIND_CURL(url_set, "curl_url_set");
    BIND_CURL(url_get, "curl_url_get");
    BIND_CURL(url_strerror, "curl_url_strerror");
    BIND_CURL(free, "curl_free");
#undef BIND_CURL
    /* Once, while gpulock itself starts no threads; libcurl counts the matching cleanups. */
    CURLcode rc = curl_table.global_init(CURL_GLOBAL_DEFAULT);
    if (rc != CURLE_OK) {
        snprintf(curl_lib.error, sizeof curl_lib.error, "curl_global_init failed: %s",
                 curl_table.easy_strerror(rc));
        return;
    }
    curl_lib.ok = true;
}

static void load_xml(void)
{
    void *h = open_lib(&xml_lib);
    if (!h)
        return;
#define BIND_XML(field, symbol) BIND(&xml_lib, h, xml_table.field, symbol)
    BIND_XML(html_create_memory_parser_ctxt, "htmlCreateMemoryParserCtxt");
    BIND_XML(html_ctxt_use_options, "htmlCtxtUseOptions");
    BIND_XML(html_parse_document, "htmlParseDocument");
    BIND_XML(html_free_parser_ctxt, "htmlFreeParserCtxt");
    BIND_XML(switch_encoding, "xmlSwitchEncoding");
    BIND_XML(free_doc, "xmlFreeDoc");
#undef BIND_XML
    xml_lib.ok = true;
}

const gl_curl_api *gl_curl(gl_error *err)
{
    pthread_once(&curl_lib.once, load_curl);
    if (curl_lib.ok)
        return &curl_table;
    gl_error_set(err, GL_ENET, "cannot load libcurl (%s): %s", curl_lib.soname, curl_lib.error);
    return NULL;
}

const gl_xml_api *gl_xml(gl_error *err)
{
    pthread_once(&xml_lib.once, load_xml);
    if (xml_lib.ok)
        return &xml_table;
    gl_error_set(err, GL_EIO, "cannot load libxml2 (%s): %s", xml_lib.soname, xml_lib.error);
    return NULL;
}

bool gl_curl_loaded(void)
{
    return curl_lib.ok;
}
