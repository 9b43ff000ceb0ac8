/*
 * The reports' JSON helpers (see report-json.h).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report-json.h"
#include "xmalloc.h"

void
report_json_set(json_t *o, const char *key, json_t *v)
{
	if (v == NULL || json_object_set_new(o, key, v) == -1)
		fatalx("report: json_object_set_new %s", key);
}

json_t *
report_json_str(const char *s)
{
	json_t *v;

	if (s == NULL)
		return json_null();
	if ((v = json_string(s)) == NULL)
		/* The model keeps only UTF-8; this is a bug. */
		fatalx("report: not UTF-8: %s", s);
	return v;
}

void
report_json_dump(struct buf *out, json_t *root)
{
	char *s;

	if ((s = json_dumps(root, JSON_INDENT(2))) == NULL)
		fatalx("report: json_dumps failed");
	buf_put(out, s, strlen(s));
	buf_put_u8(out, '\n');
	free(s);
	json_decref(root);
}

int
report_cluster_id(const char *path, char **id, struct error *e)
{
	json_error_t je;
	json_t *root, *v;
	const char *format;
	int ret = -1;

	*id = NULL;
	if ((root = json_load_file(path, 0, &je)) == NULL) {
		if (json_error_code(&je) == json_error_cannot_open_file &&
		    access(path, F_OK) == -1 && errno == ENOENT)
			return 0;
		return error_set(e, EXIT_FAIL, "%s: %s", path, je.text);
	}
	if (!json_is_object(root) ||
	    (format = json_string_value(json_object_get(root, "format"))) ==
		NULL ||
	    strcmp(format, REPORT_FORMAT) != 0) {
		ret = 0;
		goto out;
	}
	v = json_object_get(root, "cluster_id");
	if (json_is_string(v))
		*id = xstrdup(json_string_value(v));
	else if (!json_is_null(v)) {
		error_set(e, EXIT_FAIL, "%s: cluster_id is not a string", path);
		goto out;
	}
	ret = 1;
out:
	json_decref(root);
	return ret;
}
