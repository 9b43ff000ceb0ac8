/*
 * Java .properties text, read as java.util.Properties.load(InputStream)
 * reads it (ISO-8859-1 bytes): natural lines ended by \n, \r or \r\n;
 * comments (# or ! first); continuation lines (an odd number of trailing
 * backslashes); key and value split at the first unescaped '=', ':' or
 * blank; the escapes \t \n \r \f \uXXXX.  Kafka reads meta.properties this
 * way (PropertiesUtils.readPropertiesFile).  Keys and values come out as
 * UTF-8, values keep their trailing blanks as Java keeps them.
 *
 * Ownership: struct props owns its strings; props_free() releases them.
 * A zeroed struct props is empty and valid.
 */
#ifndef PROPS_H
#define PROPS_H

#include <stddef.h>
#include <stdint.h>

struct props_entry {
	char *key;
	char *value;
};

struct props {
	struct props_entry *v; /* in file order; a key appears once */
	size_t n;
};

/*
 * Parse len bytes into p (a later key replaces an earlier one, as in
 * Java).  Returns 0, or -1 with *why set to a static description: a
 * malformed \uXXXX escape (Java refuses it too) or a NUL character (which
 * Java would keep, and we cannot).
 */
int props_parse(
    struct props *p, const uint8_t *data, size_t len, const char **why);

/* The value of key (borrowed, valid until props_free), or NULL. */
const char *props_get(const struct props *p, const char *key);

void props_free(struct props *p);

#endif /* PROPS_H */
