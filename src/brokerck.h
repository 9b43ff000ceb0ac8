/*
 * check-broker: what a Kafka broker that restarts in KRaft mode on a
 * ZooKeeper-era broker's log directories will do with each of them, given
 * the metadata image the quorum starts from (image -> brokerck_run ->
 * report), and writing the partition.metadata files that keep a partition's
 * data from being moved aside (brokerck_apply).  The rules are logdir.c's
 * and those of Kafka's LogManager.loadLogs / loadLog /
 * isStrayKraftReplica and KafkaRaftServer.initializeLogDirs; segment files
 * are never touched.
 *
 * Ownership: struct brokerck and struct brokerck_changes own everything in
 * them (an arena each); brokerck_free() and brokerck_changes_free()
 * release them.  Zeroed structs are empty and valid.
 */
#ifndef BROKERCK_H
#define BROKERCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "image.h"
#include "logdir.h"

/* What Kafka does with a directory in a log directory. */
enum brokerck_verdict {
	BROKERCK_KEEP,        /* loaded and served */
	BROKERCK_NEEDS_PMETA, /* stray unless partition.metadata is written */
	BROKERCK_STRAY,       /* renamed <topic>-<p>.<uuid>-stray, not served */
	BROKERCK_CONFLICT,    /* loaded, but its topic id is another topic's */
	BROKERCK_DUPLICATE,   /* one of two directories for a partition */
	BROKERCK_DELETE,      /* -delete: Kafka finishes deleting it */
	BROKERCK_OLD_STRAY,   /* -stray already: kept aside, not served */
	BROKERCK_METADATA_LOG, /* __cluster_metadata-0 of the metadata dir */
	BROKERCK_MISPLACED,    /* __cluster_metadata-0 in another log dir */
	BROKERCK_IGNORED,      /* not a partition; Kafka skips it */
	BROKERCK_BAD_NAME,     /* a name Kafka refuses: it does not start */
	BROKERCK_ERROR,        /* could not be read or parsed */
	BROKERCK_NVERDICTS
};

enum brokerck_pmeta {
	BROKERCK_PMETA_NONE,   /* not looked at (not a partition) */
	BROKERCK_PMETA_ABSENT, /* no partition.metadata */
	BROKERCK_PMETA_OK,
	BROKERCK_PMETA_BAD,      /* unreadable or malformed */
	BROKERCK_PMETA_DANGLING, /* a link to nothing: absent for Kafka */
};

struct brokerck_entry {
	const char *name;  /* the directory's name */
	const char *path;  /* log dir/name */
	const char *topic; /* NULL unless the name parses */
	int32_t partition;
	enum logdir_kind kind;
	enum brokerck_verdict verdict;
	const char *reason; /* a stable code, or NULL when there is none */
	const char *detail; /* one line for people, or NULL */
	enum brokerck_pmeta pmeta;
	struct kuuid pmeta_id;  /* the topic id in partition.metadata */
	bool has_export_id;     /* the export has the topic by name */
	struct kuuid export_id; /* ... with this id */
	const struct image_i32s *replicas; /* in the export, or NULL */
	uint64_t bytes;                    /* of its *.log segment files */
	size_t segments;
};

struct brokerck_problem {
	const char *code; /* stable */
	const char *msg;  /* one line */
	bool error;       /* could not be read: exit 1, not 3 */
};

struct brokerck_dir {
	const char *path;
	bool metadata;           /* the metadata log directory (the first) */
	bool has_meta;           /* meta.properties was read and parsed */
	struct logdir_meta meta; /* its strings are in the arena */
	struct brokerck_problem *problems;
	size_t nproblems;
	struct brokerck_entry *entries; /* sorted by topic, partition, name */
	size_t nentries;
};

struct brokerck_opts {
	int32_t node_id;
	const char *const *log_dirs; /* the first is the metadata log dir */
	size_t nlog_dirs;
	const char *cluster_id; /* the export's, or NULL when unknown */
};

struct brokerck {
	struct arena arena;
	struct brokerck_dir *dirs; /* in the order given */
	size_t ndirs;
	size_t count[BROKERCK_NVERDICTS];
	uint64_t bytes[BROKERCK_NVERDICTS];
	size_t at_risk; /* entries whose data Kafka would not serve */
	uint64_t at_risk_bytes;
	size_t problems;     /* what makes the check fail (exit 3) */
	size_t dir_problems; /* of them, those of a log dir itself */
	size_t errors;       /* what could not be read (exit 1) */
};

/*
 * Look at every log directory (reading only) and judge each entry against
 * im.  Never fails: what cannot be read becomes an error in the result.
 */
void brokerck_run(
    struct brokerck *bc, const struct brokerck_opts *o, const struct image *im);

/* Whether a verdict, for an entry of that many bytes, fails the check. */
bool brokerck_is_problem(const struct brokerck_entry *en);

/* A verdict's stable name: "keep", "needs-partition-metadata", ... */
const char *brokerck_verdict_name(enum brokerck_verdict v);

void brokerck_free(struct brokerck *bc);

/*
 * The cluster id the export was made for, from where export and
 * kafka-storage format leave it: meta.properties, else a zk2kraft
 * report.json, in the export's directory (the directory of an export
 * file), and for a __cluster_metadata-0 directory in its parent too.
 * Returns 1 with *id and *from, the file it came from (caller frees both;
 * *id is NULL when the report says the cluster had none), 0 when none is
 * found, or -1 with e set when such a file cannot be read.
 */
int brokerck_cluster_id(
    const char *export, char **id, char **from, struct error *e);

struct brokerck_change {
	const char *path;  /* the partition.metadata written */
	struct kuuid id;   /* the topic id in it */
	const char *error; /* NULL when written, else why not */
};

struct brokerck_changes {
	struct arena arena;
	struct brokerck_change *v;
	size_t n, cap;
	size_t failed;
};

/*
 * Write partition.metadata, exactly as Kafka writes it, into every
 * directory judged BROKERCK_NEEDS_PMETA: a temporary file, fsync, a link
 * to the final name, removal of the temporary name, fsync of the
 * directory, one file at a time; never where anything has the name, even
 * if it came after the check (fsio_commit_noreplace).  As root, the file
 * gets the owner of its directory.  Each file written or failed is
 * recorded in ch.
 */
void brokerck_apply(const struct brokerck *bc, struct brokerck_changes *ch);

void brokerck_changes_free(struct brokerck_changes *ch);

#endif /* BROKERCK_H */
