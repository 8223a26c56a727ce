#include "CCurl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/* libcurl's functions, read from the library once by load(). */
static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
} curl;

static pthread_once_t loaded = PTHREAD_ONCE_INIT;
static const char *failure = "libcurl was not loaded";
static char failure_text[512];

/* The sonames of libcurl 7 and 8 (OpenSSL and GnuTLS builds share the ABI), then the development link. */
static const char *const names[] = { "libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so" };

static void load(void) {
    void *library = NULL;
    char why[256] = "";
    for (size_t i = 0; i < sizeof names / sizeof names[0] && library == NULL; i++) {
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        const char *error = library == NULL ? dlerror() : NULL;
        if (i == 0 && error != NULL) snprintf(why, sizeof why, "%s", error);
    }
    if (library == NULL) {
        snprintf(failure_text, sizeof failure_text,
                 "inject delivery needs libcurl, which could not be loaded (%s); install it (Debian and Ubuntu: "
                 "apt-get install libcurl4)", why);
        failure = failure_text;
        return;
    }
#define FIND(field, symbol)                                                                                      \
    do {                                                                                                         \
        *(void **)&curl.field = dlsym(library, symbol);                                                          \
        if (curl.field == NULL) {                                                                                \
            snprintf(failure_text, sizeof failure_text,                                                          \
                     "the library loaded as libcurl has no %s; install libcurl 7.85 or later", symbol);           \
            failure = failure_text;                                                                              \
            return;                                                                                              \
        }                                                                                                        \
    } while (0)
    FIND(global_init, "curl_global_init");
    FIND(easy_init, "curl_easy_init");
    FIND(easy_cleanup, "curl_easy_cleanup");
    FIND(easy_perform, "curl_easy_perform");
    FIND(easy_strerror, "curl_easy_strerror");
    FIND(easy_setopt, "curl_easy_setopt");
    FIND(easy_getinfo, "curl_easy_getinfo");
    FIND(slist_append, "curl_slist_append");
    FIND(slist_free_all, "curl_slist_free_all");
#undef FIND
    if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        failure = "libcurl could not start (curl_global_init failed)";
        return;
    }
    failure = NULL;
}

const char *gameday_curl_load(void) {
    pthread_once(&loaded, load);
    return failure;
}

/* The wrappers below are called only after gameday_curl_load() returned NULL. */
CURL *gameday_curl_easy_init(void) { return curl.easy_init(); }
void gameday_curl_easy_cleanup(CURL *handle) { curl.easy_cleanup(handle); }
CURLcode gameday_curl_easy_perform(CURL *handle) { return curl.easy_perform(handle); }
const char *gameday_curl_easy_strerror(CURLcode code) { return curl.easy_strerror(code); }
struct curl_slist *gameday_curl_slist_append(struct curl_slist *list, const char *text) {
    return curl.slist_append(list, text);
}
void gameday_curl_slist_free_all(struct curl_slist *list) { curl.slist_free_all(list); }

CURLcode gameday_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode gameday_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode gameday_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode gameday_curl_set_io(CURL *handle, CURLoption option, gameday_curl_io value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode gameday_curl_response_code(CURL *handle, long *code) {
    return curl.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}
