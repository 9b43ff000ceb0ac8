/*
 * Findings (finding.c): blocker, warning and info findings, copied on
 * add, sorted and counted.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdbool.h>
#include <string.h>

#include "finding.h"

static struct findings fs;

static void
setup(void)
{
	memset(&fs, 0, sizeof fs);
}

static void
teardown(void)
{
	findings_free(&fs);
}

TestSuite(finding, .init = setup, .fini = teardown);

Test(finding, findings_copy_sort_and_count)
{
	char code[32], path[32];
	struct finding *f;

	strcpy(code, "zz");
	strcpy(path, "/b");
	f = finding_add(&fs, FINDING_INFO, code, path, NULL, "n=%d", 1);
	strcpy(code, "XX");
	strcpy(path, "/X");
	cr_assert_str_eq(f->code, "zz", "code not copied");
	cr_assert_str_eq(f->path, "/b", "path not copied");
	cr_assert_null(f->action);
	cr_assert_str_eq(f->msg, "n=1");
	cr_assert(!f->allowed);

	finding_add(&fs, FINDING_WARNING, "w", "/a", "do it", "w2");
	finding_add(&fs, FINDING_BLOCKER, "b", "/z", NULL, "b1");
	finding_add(&fs, FINDING_BLOCKER, "a", "/z", NULL, "a1");
	finding_add(&fs, FINDING_BLOCKER, "b", NULL, NULL, "b0");
	finding_add(&fs, FINDING_BLOCKER, "b", "/z", NULL, "a-msg");
	f = finding_add(&fs, FINDING_BLOCKER, "c", "/c", NULL, "c");
	f->allowed = true;
	findings_sort(&fs);
	cr_assert_eq(fs.n, 7);
	/* Severity, code, path (none first), message. */
	cr_assert_str_eq(fs.v[0].msg, "a1");
	cr_assert_str_eq(fs.v[1].msg, "b0");
	cr_assert_null(fs.v[1].path);
	cr_assert_str_eq(fs.v[2].msg, "a-msg");
	cr_assert_str_eq(fs.v[3].msg, "b1");
	cr_assert_str_eq(fs.v[4].msg, "c");
	cr_assert_str_eq(fs.v[5].msg, "w2");
	cr_assert_str_eq(fs.v[5].action, "do it");
	cr_assert_str_eq(fs.v[6].msg, "n=1");

	cr_assert_eq(findings_count(&fs, FINDING_BLOCKER), 4);
	cr_assert_eq(findings_count(&fs, FINDING_WARNING), 1);
	cr_assert_eq(findings_count(&fs, FINDING_INFO), 1);
	cr_assert_str_eq(finding_severity_name(FINDING_BLOCKER), "blocker");
	cr_assert_str_eq(finding_severity_name(FINDING_WARNING), "warning");
	cr_assert_str_eq(finding_severity_name(FINDING_INFO), "info");

	findings_free(&fs);
	cr_assert_eq(fs.n, 0);
	cr_assert_null(fs.v);
	cr_assert_eq(findings_count(&fs, FINDING_BLOCKER), 0);
}
