/*
 * The rules a Kafka broker applies to its own log directories, as pure
 * functions of names and bytes: how a partition directory's name parses
 * (LocalLog.parseTopicPartitionName), what partition.metadata holds
 * (PartitionMetadata, PartitionMetadataReadBuffer) and what
 * meta.properties says (MetaProperties.Builder, MetaPropertiesVersion);
 * UUIDs in text are b64.h's.  brokerck.c applies them
 * to directories on disk.
 */
#ifndef LOGDIR_H
#define LOGDIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "props.h"
#include "schema.h"

#define LOGDIR_PMETA "partition.metadata"
#define LOGDIR_META "meta.properties"
#define LOGDIR_METADATA_TOPIC "__cluster_metadata"
#define LOGDIR_REMOTE_INDEX_CACHE "remote-log-index-cache"

/* What a partition directory's suffix makes it. */
enum logdir_kind {
	LOGDIR_CURRENT, /* <topic>-<partition> */
	LOGDIR_FUTURE,  /* <topic>-<partition>.<id>-future: alter-log-dirs */
	LOGDIR_DELETE,  /* <topic>-<partition>.<id>-delete: being deleted */
	LOGDIR_STRAY,   /* <topic>-<partition>.<id>-stray: moved aside */
};

struct logdir_name {
	size_t topic_len; /* the topic is the name's first topic_len bytes */
	int32_t partition;
	enum logdir_kind kind;
};

/*
 * Parse a directory name as LocalLog.parseTopicPartitionName does.  False
 * when Kafka refuses the name, which stops the broker's start.
 */
bool logdir_parse_name(const char *name, struct logdir_name *out);

/* "delete", "future", "stray" or "current". */
const char *logdir_kind_name(enum logdir_kind kind);

/*
 * Parse partition.metadata's bytes as PartitionMetadataReadBuffer does:
 * two lines, each split at ":" followed by blanks into exactly two parts
 * (the names before the colons are not checked, as Kafka does not check
 * them); the first part's number is a version >= 0; the second is a
 * topic id other than the zero UUID.  Returns 0, or -1 with why (size
 * whylen) saying what Kafka would refuse.
 */
int logdir_pmeta_parse(
    const uint8_t *p, size_t len, struct kuuid *id, char *why, size_t whylen);

/* The bytes Kafka writes (PartitionMetadata.encode, version 0): "version:
 * 0\ntopic_id: <id>", no newline at the end. */
#define LOGDIR_PMETA_MAX 48
/* Write them into out (LOGDIR_PMETA_MAX bytes); returns their length. */
size_t logdir_pmeta_encode(const struct kuuid *id, char *out);

/* meta.properties, as MetaProperties.Builder(Properties) reads it. */
struct logdir_meta {
	int version;      /* 0 or 1 */
	bool has_node_id; /* v0: broker.id; v1: node.id */
	int32_t node_id;
	const char *cluster_id; /* borrowed from the props, or NULL */
	bool has_directory_id;
	struct kuuid directory_id;
};

/*
 * Read p as Kafka does: version (default 0) must be 0 or 1; v0 takes its
 * node id from broker.id if present, v1 from node.id (required); v1
 * requires cluster.id; directory.id must be a UUID if present.  Returns 0,
 * or -1 with why (size whylen) saying what Kafka refuses.
 */
int logdir_meta_parse(
    const struct props *p, struct logdir_meta *m, char *why, size_t whylen);

/* DirectoryId.reserved: the first 100 UUIDs are reserved. */
bool logdir_directory_id_reserved(const struct kuuid *u);

/* Integer.parseInt: optional sign, decimal digits, within int32.  len is
 * the text's length.  Returns 0 or -1. */
int logdir_parse_int(const char *s, size_t len, int32_t *out);

#endif /* LOGDIR_H */
