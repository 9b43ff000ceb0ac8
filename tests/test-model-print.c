/*
 * The canonical text of a model (src/model-print.c).
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdbool.h>
#include <string.h>

#include "model.h"
#include "test-model.h"

TestSuite(model_print, .init = model_setup, .fini = model_teardown);

Test(model_print, sample_prints_the_documented_lines)
{
	load_fixture("sample", "/");
	out1 = print_model(&m, false);
	cr_assert_not_null(strstr(out1,
	    "\ntopic orders id=_We0fIl8RTmN7v4rgZ1Clw version=3 "
	    "pending-deletion=no config=yes\n"));
	cr_assert_not_null(strstr(out1,
	    "\npartition orders 2 replicas=3,1,2 isr=1,2,3 leader=3 "
	    "leader-epoch=2 partition-epoch=3 controller-epoch=3 recovery=0 "
	    "adding= removing= state=yes\n"));
	cr_assert_not_null(
	    strstr(out1, "\nconfig topic orders retention.ms=604800000\n"));
	cr_assert_not_null(strstr(out1,
	    "\nquota user=svc-payments@EXAMPLE.COM "
	    "producer_byte_rate=1048576\n"));
	cr_assert_not_null(strstr(out1,
	    "\nscram alice SCRAM-SHA-256 iterations=4096 "
	    "salt=7a37707379346b337030616f3339796f316c663970356"
	    "7706f stored_key=d2f8"));
	cr_assert_not_null(strstr(out1, " epoch=12884901953\n"));
	cr_assert_not_null(strstr(out1, "\nzxid min="));
	out2 = print_model(&m, true);
	cr_assert_null(strstr(out2, "epoch=12884901953"));
	cr_assert_null(strstr(out2, "zxid"));
}

Test(model_print, print_escapes_unusual_bytes)
{
	build("/brokers/topics/a\\b P 0 {\"version\":1,\"partitions\":{}}\n"
	      "/brokers/topics/- P 0 {\"version\":1,\"partitions\":{}}\n"
	      "/config/topics/a\\b P 0 {\"version\":1,\"config\":"
	      "{\"k=1\":\"line\\nbreak\",\"e\":\"\"}}\n"
	      "/config/users/sp%20ace P 0 {\"version\":1,\"config\":"
	      "{\"x\":\"1\"}}\n");
	no_diags();
	out1 = print_model(&m, true);
	cr_assert_not_null(strstr(out1, "\ntopic a\\x5cb id=- version=1 "));
	cr_assert_not_null(strstr(out1, "\ntopic \\x2d id=- "));
	cr_assert_not_null(
	    strstr(out1, "\nconfig topic a\\x5cb k\\x3d1=line\\x0abreak\n"));
	cr_assert_not_null(strstr(out1, "\nconfig topic a\\x5cb e=\"\"\n"));
	cr_assert_not_null(strstr(out1, "\nquota user=sp\\x20ace x=1\n"));
}
