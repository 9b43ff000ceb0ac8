/*
 * Allocation that dies on out-of-memory: nothing checks these for NULL.
 * Every returned pointer is owned by the caller, who frees it with free(3).
 */
#ifndef XMALLOC_H
#define XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
/* realloc(ptr, nmemb * size), dying on overflow as well as on OOM. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* XMALLOC_H */
