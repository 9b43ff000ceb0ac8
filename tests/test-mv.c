/*
 * metadata.version names and the record versions each level calls for.
 */
#include "config.h"

#include <criterion/criterion.h>

#include "mv.h"
#include "records.h"

Test(mv, names_releases_and_numbers_parse)
{
	cr_assert_eq(mv_parse("3.9-IV0"), 21);
	cr_assert_eq(mv_parse("3.3-IV0"), 4);
	cr_assert_eq(mv_parse("3.7"), 19);
	cr_assert_eq(mv_parse("3.9"), 21);
	cr_assert_eq(mv_parse("17"), 17);
	cr_assert_eq(mv_parse("3.9-IV9"), -1);
	cr_assert_eq(mv_parse("0"), -1);
	cr_assert_eq(mv_parse("21x"), -1);
	cr_assert_str_eq(mv_name(MV_DEFAULT), "3.9-IV0");
	cr_assert_null(mv_name(0));
	cr_assert_null(mv_name(mv_latest() + 1));
}

Test(mv, partition_record_version_follows_directory_assignment)
{
	cr_assert_eq(
	    mv_record_version(RECORD_PARTITION, mv_parse("3.7-IV1")), 0);
	cr_assert_eq(
	    mv_record_version(RECORD_PARTITION, mv_parse("3.7-IV2")), 1);
	cr_assert_eq(
	    mv_record_version(RECORD_PARTITION, mv_parse("3.9-IV0")), 1);
	cr_assert_eq(
	    mv_record_version(RECORD_PARTITION, mv_parse("4.0-IV1")), 2);
}

Test(mv, register_broker_record_versions)
{
	cr_assert_eq(mv_record_version(RECORD_REGISTER_BROKER, 6), 0);
	cr_assert_eq(mv_record_version(RECORD_REGISTER_BROKER, 7), 1);
	cr_assert_eq(mv_record_version(RECORD_REGISTER_BROKER, 8), 2);
	cr_assert_eq(mv_record_version(RECORD_REGISTER_BROKER, 17), 3);
}

Test(mv, content_gates)
{
	cr_assert_eq(mv_record_version(
			 RECORD_USER_SCRAM_CREDENTIAL, mv_parse("3.5-IV1")),
	    -1);
	cr_assert_eq(mv_record_version(
			 RECORD_USER_SCRAM_CREDENTIAL, mv_parse("3.5-IV2")),
	    0);
	cr_assert_eq(
	    mv_record_version(RECORD_DELEGATION_TOKEN, mv_parse("3.6-IV1")),
	    -1);
	cr_assert_eq(
	    mv_record_version(RECORD_DELEGATION_TOKEN, mv_parse("3.6-IV2")), 0);
	cr_assert_eq(
	    mv_record_version(RECORD_BEGIN_TRANSACTION, mv_parse("3.6-IV0")),
	    -1);
	cr_assert_eq(mv_record_version(RECORD_TOPIC, MV_MIN_BOOTSTRAP), 0);
	cr_assert_eq(mv_record_version(99, MV_DEFAULT), -1);
}
