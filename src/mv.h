/*
 * metadata.version (MetadataVersion) levels and what each lets a KRaft file
 * hold: the record version to write (kraft-snapshot-format.md section 5.3)
 * and the levels below which a record type cannot be kept (section 5.2).
 */
#ifndef MV_H
#define MV_H

#include <stdint.h>

#define MV_MIN_BOOTSTRAP 4 /* 3.3-IV0: lowest level a bootstrap accepts */
#define MV_DEFAULT 21      /* 3.9-IV0 */

/*
 * Parse "3.9-IV0" (a level name), "3.9" (a release: its latest production
 * level) or a bare level number.  Returns the level, or -1.
 */
int mv_parse(const char *s);

/* "3.9-IV0" for 21; NULL for a level this table does not know. */
const char *mv_name(int level);

/* The highest level mv_name() knows. */
int mv_latest(void);

/*
 * The version of metadata record api_key to write at level, or -1 when
 * that level cannot hold the record type at all.
 */
int mv_record_version(int api_key, int level);

#endif /* MV_H */
