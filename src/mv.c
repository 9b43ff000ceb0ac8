/*
 * metadata.version levels (see mv.h).  Names and gates from
 * kraft-snapshot-format.md sections 5.2 and 5.3; 4.0 levels as in Kafka
 * trunk, where ELR (PartitionRecord v2) starts at 4.0-IV1.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mv.h"
#include "records.h"

static const char *const mv_names[] = {
    NULL,
    "3.0-IV1",
    "3.1-IV0",
    "3.2-IV0",
    "3.3-IV0",
    "3.3-IV1",
    "3.3-IV2",
    "3.3-IV3",
    "3.4-IV0",
    "3.5-IV0",
    "3.5-IV1",
    "3.5-IV2",
    "3.6-IV0",
    "3.6-IV1",
    "3.6-IV2",
    "3.7-IV0",
    "3.7-IV1",
    "3.7-IV2",
    "3.7-IV3",
    "3.7-IV4",
    "3.8-IV0",
    "3.9-IV0",
    "4.0-IV0",
    "4.0-IV1",
    "4.0-IV2",
    "4.0-IV3",
};
#define MV_NLEVELS ((int)(sizeof mv_names / sizeof mv_names[0]))

/* Each release's latest production level. */
static const struct {
	const char *release;
	int level;
} mv_releases[] = {
    {"3.3", 7},
    {"3.4", 8},
    {"3.5", 11},
    {"3.6", 14},
    {"3.7", 19},
    {"3.8", 20},
    {"3.9", 21},
    {"4.0", 25},
};

enum {
	MV_3_3_IV1 = 5,  /* NoOpRecord */
	MV_3_3_IV2 = 6,  /* BrokerRegistrationChangeRecord */
	MV_3_3_IV3 = 7,  /* InControlledShutdown */
	MV_3_4_IV0 = 8,  /* ZK migration */
	MV_3_5_IV2 = 11, /* SCRAM */
	MV_3_6_IV1 = 13, /* metadata transactions */
	MV_3_6_IV2 = 14, /* delegation tokens */
	MV_3_7_IV0 = 15, /* controller registration */
	MV_3_7_IV2 = 17, /* directory assignment */
	MV_4_0_IV1 = 23, /* ELR */
};

int
mv_parse(const char *s)
{
	char *end;
	long v;
	size_t i;

	for (i = 1; i < (size_t)MV_NLEVELS; i++)
		if (strcmp(s, mv_names[i]) == 0)
			return (int)i;
	for (i = 0; i < sizeof mv_releases / sizeof mv_releases[0]; i++)
		if (strcmp(s, mv_releases[i].release) == 0)
			return mv_releases[i].level;
	if (*s >= '0' && *s <= '9') {
		v = strtol(s, &end, 10);
		if (*end == '\0' && v >= 1 && v < MV_NLEVELS)
			return (int)v;
	}
	return -1;
}

const char *
mv_name(int level)
{
	if (level < 1 || level >= MV_NLEVELS)
		return NULL;
	return mv_names[level];
}

int
mv_latest(void)
{
	return MV_NLEVELS - 1;
}

int
mv_record_version(int api_key, int level)
{
	switch (api_key) {
	case RECORD_REGISTER_BROKER:
		if (level >= MV_3_7_IV2)
			return 3;
		if (level >= MV_3_4_IV0)
			return 2;
		return level >= MV_3_3_IV3 ? 1 : 0;
	case RECORD_PARTITION:
	case RECORD_PARTITION_CHANGE:
		if (level >= MV_4_0_IV1)
			return 2;
		return level >= MV_3_7_IV2 ? 1 : 0;
	case RECORD_BROKER_REGISTRATION_CHANGE:
		if (level < MV_3_3_IV2)
			return -1;
		if (level >= MV_3_7_IV2)
			return 2;
		return level >= MV_3_3_IV3 ? 1 : 0;
	case RECORD_NO_OP:
		return level >= MV_3_3_IV1 ? 0 : -1;
	case RECORD_ZK_MIGRATION_STATE:
		return level >= MV_3_4_IV0 ? 0 : -1;
	case RECORD_USER_SCRAM_CREDENTIAL:
	case RECORD_REMOVE_USER_SCRAM_CREDENTIAL:
		return level >= MV_3_5_IV2 ? 0 : -1;
	case RECORD_BEGIN_TRANSACTION:
	case RECORD_END_TRANSACTION:
	case RECORD_ABORT_TRANSACTION:
		return level >= MV_3_6_IV1 ? 0 : -1;
	case RECORD_DELEGATION_TOKEN:
	case RECORD_REMOVE_DELEGATION_TOKEN:
		return level >= MV_3_6_IV2 ? 0 : -1;
	case RECORD_REGISTER_CONTROLLER:
		return level >= MV_3_7_IV0 ? 0 : -1;
	case RECORD_UNREGISTER_BROKER:
	case RECORD_TOPIC:
	case RECORD_CONFIG:
	case RECORD_FENCE_BROKER:
	case RECORD_UNFENCE_BROKER:
	case RECORD_REMOVE_TOPIC:
	case RECORD_FEATURE_LEVEL:
	case RECORD_CLIENT_QUOTA:
	case RECORD_PRODUCER_IDS:
	case RECORD_ACCESS_CONTROL_ENTRY:
	case RECORD_REMOVE_ACCESS_CONTROL_ENTRY:
		return 0;
	}
	return -1;
}
