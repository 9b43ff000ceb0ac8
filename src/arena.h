/*
 * A bump allocator: decoded records hang off one arena and are freed
 * together.  A zeroed struct arena is empty and valid.
 */
#ifndef ARENA_H
#define ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t total; /* bytes handed out, for statistics */
};

/*
 * Return size zeroed bytes aligned for any type, owned by the arena and
 * valid until arena_free().  Dies on out-of-memory.
 */
void *arena_alloc(struct arena *a, size_t size);

/* Copy len bytes into the arena and return the copy. */
void *arena_memdup(struct arena *a, const void *p, size_t len);

/* Copy len bytes into the arena and NUL-terminate them. */
char *arena_strndup(struct arena *a, const char *s, size_t len);

/*
 * Format as by printf into the arena and return the NUL-terminated text,
 * owned by the arena.  Dies on out-of-memory or a bad format.
 */
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* As arena_printf, with a va_list (which it leaves unused: va_copy). */
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Free every allocation of a; a is empty and reusable afterwards. */
void arena_free(struct arena *a);

#endif /* ARENA_H */
