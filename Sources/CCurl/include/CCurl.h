#ifndef GAMEDAY_CCURL_H
#define GAMEDAY_CCURL_H
/* libcurl's types and constants, and its functions through pointers that gameday_curl_load() fills from
   libcurl.so.4 when inject delivery first needs it. gameday does not link libcurl: every other command then
   starts without loading it and the thirty-odd libraries it brings (TLS, Kerberos, LDAP, SSH, ...). */
#include <curl/curl.h>

/* Loads libcurl and calls curl_global_init, once; NULL when it is ready, otherwise why it is not. */
const char *gameday_curl_load(void);

CURL *gameday_curl_easy_init(void);
void gameday_curl_easy_cleanup(CURL *handle);
CURLcode gameday_curl_easy_perform(CURL *handle);
const char *gameday_curl_easy_strerror(CURLcode code);
struct curl_slist *gameday_curl_slist_append(struct curl_slist *list, const char *text);
void gameday_curl_slist_free_all(struct curl_slist *list);

/* curl_easy_setopt is variadic, which Swift cannot call: one typed wrapper per kind of argument. */
CURLcode gameday_curl_set_long(CURL *handle, CURLoption option, long value);
CURLcode gameday_curl_set_string(CURL *handle, CURLoption option, const char *value);
CURLcode gameday_curl_set_pointer(CURL *handle, CURLoption option, void *value);
typedef size_t (*gameday_curl_io)(char *buffer, size_t size, size_t count, void *context);
CURLcode gameday_curl_set_io(CURL *handle, CURLoption option, gameday_curl_io value);
CURLcode gameday_curl_response_code(CURL *handle, long *code);
#endif
