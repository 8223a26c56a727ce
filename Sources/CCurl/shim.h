#ifndef GAMEDAY_CCURL_SHIM_H
#define GAMEDAY_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt is variadic, which Swift cannot call: one typed wrapper per kind of argument. */
static inline CURLcode gameday_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode gameday_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode gameday_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
typedef size_t (*gameday_curl_io)(char *buffer, size_t size, size_t count, void *context);
static inline CURLcode gameday_curl_set_io(CURL *handle, CURLoption option, gameday_curl_io value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode gameday_curl_response_code(CURL *handle, long *code) {
    return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}
#endif
