/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_correlator.c - libFuzzer harness: the whole audit of a small capture.
 * The first byte picks the link type (fuzz_link.h, low nibble) and what is
 * done at the end (bits 4-7); the rest is frames in the fuzz_records.h
 * framing.  Each frame goes through the CLI's decoder (ma_decode_frame,
 * with TCP reassembly and IP fragments kept across frames) into a
 * correlator, as ma_capture_run() does, then the correlator is finished and
 * judged (ma_report_result).  One input in four (bits 6-7 zero) also renders
 * a report (bits 4-5: text, JSON, JUnit, HTML): rendering costs more than
 * the decoding and correlation before it (the HTML report most), so doing
 * it for every input made the harness several times slower at what the
 * issue asks of it, the correlator fed a stream of events decoded from the
 * input; the renderers stay covered by the inputs that ask for them. */
#include <stdint.h>
#include <string.h>

#include "capture.h"
#include "correlator.h"
#include "frame_decode.h"
#include "fuzz_link.h"
#include "fuzz_records.h"
#include "report.h"
#include "thresholds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void to_rtsp(void *c, const ma_ev_rtsp *ev)
{
    ma_frame_info info;
    ma_correlator_rtsp(c, ev, &info);
}
static void to_membership(void *c, const ma_ev_membership *ev)
{
    ma_frame_info info;
    ma_correlator_membership(c, ev, &info);
}
static void to_udp(void *c, const ma_ev_udp *ev)
{
    ma_frame_info info;
    ma_correlator_udp(c, ev, &info);
}
static void to_interleaved(void *c, const ma_ev_interleaved *ev)
{
    ma_frame_info info;
    ma_correlator_interleaved(c, ev, &info);
}
static void to_host_mac(void *c, const ma_addr *ip, const uint8_t mac[6])
{
    ma_correlator_host_mac(c, ip, mac);
}

/* Render the report mode asks for, if it asks for one (bits 6-7 zero). */
static void render(const ma_correlator *corr, const ma_capture_stats *st, const ma_thresholds *th,
                   uint8_t mode)
{
    if ((mode & 0xc0u) != 0)
        return;
    static const char *const inputs[] = {"fuzz.pcap", NULL};
    /* Designated: a field added to the context must not break this build
     * (the fuzz preset is the only one that compiles this file). */
    ma_report_ctx ctx = {.inputs = inputs,
                         .corr = corr,
                         .stats = st,
                         .th = th,
                         .list_udp = TRUE,
                         .list_membership = TRUE};
    ma_report_set set = {&ctx, 1, FALSE};
    GString *out = g_string_new(NULL);
    switch ((mode >> 4) & 3u) {
    case 0: ma_report_text(&set, out); break;
    case 1: ma_report_json(&set, out); break;
    case 2: ma_report_junit(&set, out); break;
    default: ma_report_html(&ctx, out); break;
    }
    g_assert(out->len > 0);
    g_string_free(out, TRUE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t mode = data[0];
    ma_thresholds th;
    ma_thresholds_init(&th);
    ma_correlator *corr = ma_correlator_new(&th);
    ma_capture_stats st;
    ma_capture_stats_init(&st);
    ma_sink sink = {to_rtsp, to_membership, to_udp, to_interleaved, corr, to_host_mac, NULL};
    ma_decoder *d = ma_decoder_new(NULL, &sink, &st.dec);
    fuzz_records r;
    fuzz_record rec;
    fuzz_records_init(&r, data + 1, size - 1, G_GINT64_CONSTANT(1700000000) * 1000000000);
    uint32_t frame = 0;
    while (fuzz_records_next(&r, &rec)) {
        ma_frame_in in = {fuzz_pick_dlt(mode), ++frame, rec.ns, rec.bytes, rec.len, rec.len};
        (void)ma_decode_frame(d, &in);
        g_free(rec.bytes);
    }
    ma_decoder_flush(d);
    g_assert(st.dec.frames == frame);
    ma_capture_tell_correlator(corr, &st, "fuzz.pcap");
    ma_correlator_finish(corr, r.ns);
    (void)ma_report_result(corr, &th);
    render(corr, &st, &th, mode);
    ma_decoder_free(d);
    ma_correlator_free(corr);
    ma_capture_stats_clear(&st);
    return 0;
}
