/* lazy_libs.h — libcurl and libxml2, loaded the first time gpulock needs them.
 * Linked at start-up they bring some forty shared libraries whose constructors (TLS, Kerberos,
 * ICU) cost about 15 ms, more than a whole warm resolution from the .solv cache needs. */
#ifndef GL_LAZY_LIBS_H
#define GL_LAZY_LIBS_H

#include <stdbool.h>

#include <curl/curl.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "error.h"

/* The libcurl entry points gpulock uses, with libcurl's own prototypes. */
typedef struct gl_curl_api {
    __typeof__(curl_global_init) *global_init;
    __typeof__(curl_global_cleanup) *global_cleanup;
    __typeof__(curl_easy_init) *easy_init;
    __typeof__(curl_easy_setopt) *easy_setopt;
    __typeof__(curl_easy_getinfo) *easy_getinfo;
    __typeof__(curl_easy_reset) *easy_reset;
    __typeof__(curl_easy_cleanup) *easy_cleanup;
    __typeof__(curl_easy_strerror) *easy_strerror;
    __typeof__(curl_multi_init) *multi_init;
    __typeof__(curl_multi_setopt) *multi_setopt;
    __typeof__(curl_multi_add_handle) *multi_add_handle;
    __typeof__(curl_multi_remove_handle) *multi_remove_handle;
    __typeof__(curl_multi_perform) *multi_perform;
    __typeof__(curl_multi_poll) *multi_poll;
    __typeof__(curl_multi_info_read) *multi_info_read;
    __typeof__(curl_multi_cleanup) *multi_cleanup;
    __typeof__(curl_multi_strerror) *multi_strerror;
    __typeof__(curl_slist_append) *slist_append;
    __typeof__(curl_slist_free_all) *slist_free_all;
    __typeof__(curl_url) *url;
    __typeof__(curl_url_dup) *url_dup;
    __typeof__(curl_url_cleanup) *url_cleanup;
    __typeof__(curl_url_set) *url_set;
    __typeof__(curl_url_get) *url_get;
    __typeof__(curl_url_strerror) *url_strerror;
    __typeof__(curl_free) *free;
} gl_curl_api;

/* The libxml2 entry points gpulock uses (its HTML parser). */
typedef struct gl_xml_api {
    __typeof__(htmlCreateMemoryParserCtxt) *html_create_memory_parser_ctxt;
    __typeof__(htmlCtxtUseOptions) *html_ctxt_use_options;
    __typeof__(htmlParseDocument) *html_parse_document;
    __typeof__(htmlFreeParserCtxt) *html_free_parser_ctxt;
    __typeof__(xmlSwitchEncoding) *switch_encoding;
    __typeof__(xmlFreeDoc) *free_doc;
} gl_xml_api;

/* libcurl, loaded and globally initialised (curl_global_init) on the first call; later calls
 * return the same table. NULL with err naming the library and the loader's reason when it
 * cannot be loaded. Safe to call from several threads. */
const gl_curl_api *gl_curl(gl_error *err);
/* The same for libxml2. */
const gl_xml_api *gl_xml(gl_error *err);

/* True once gl_curl has loaded libcurl (for clean-up at exit: nothing to do otherwise). */
bool gl_curl_loaded(void);

#endif
