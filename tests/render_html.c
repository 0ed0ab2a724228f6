/*
 * render_html: the HTML report of a result file, for the browser test
 * (e2e/report_pdf) until the CLI has `reorg report`.
 *
 *   render_html RESULT.json OUT.html
 *
 * Exit codes: 0 written, 1 usage, 2 unreadable JSON, 5 I/O error.
 */
#include <jansson.h>
#include <stdio.h>

#include "report/reporthtml.h"

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: render_html RESULT.json OUT.html\n");
        return 1;
    }
    json_error_t err;
    json_t *result = json_load_file(argv[1], 0, &err);
    if (!result) {
        fprintf(stderr, "render_html: %s:%d: %s\n", argv[1], err.line, err.text);
        return 2;
    }
    FILE *f = fopen(argv[2], "wb");
    int rc = f && reporthtml_write(f, result) == 0 ? 0 : 5;
    if (f && fclose(f) != 0) rc = 5;
    if (rc) fprintf(stderr, "render_html: cannot write '%s'\n", argv[2]);
    json_decref(result);
    return rc;
}
