/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_sap.c - SAP (RFC 2974) in the capture: each announcement (its
 * originating source and message id hash, section 3) becomes a described
 * session the first time its SDP is read (correlator_described.c); its
 * repeats are counted with their intervals, a deletion (T bit, section 4)
 * ends it.  What cannot be read is a decode event, never silence: a cut or
 * foreign header, an encrypted or compressed payload, a payload that is not
 * SDP or describes no multicast stream; authentication data is skipped
 * unverified and counted. */
#include "correlator_internal.h"

#include "sap.h"
#include "sdp.h"

guint ma_corr_sap_key_hash(gconstpointer p)
{
    const ma_corr_sap_key *k = p;
    return ma_addr_hash(&k->origin) * 31u + k->msg_id_hash;
}

/* NOLINTNEXTLINE(bugprone-easily-swappable-parameters): a GEqualFunc */
gboolean ma_corr_sap_key_equal(gconstpointer a, gconstpointer b)
{
    const ma_corr_sap_key *x = a, *y = b;
    return x->msg_id_hash == y->msg_id_hash && ma_addr_equal(&x->origin, &y->origin);
}

static const ma_decode_event refused[] = {
    [MA_SAP_TRUNCATED] = MA_DE_SAP_TRUNCATED, [MA_SAP_BAD_VERSION] = MA_DE_SAP_BAD_VERSION,
    [MA_SAP_ENCRYPTED] = MA_DE_SAP_ENCRYPTED, [MA_SAP_COMPRESSED] = MA_DE_SAP_COMPRESSED,
    [MA_SAP_NOT_SDP] = MA_DE_SAP_NOT_SDP,
};

/* A repeat: the intervals between announcements (first, last, mean). */
static void note_repeat(ma_session *s, const ma_ev_udp *ev)
{
    double gap = ma_ms_between(s->sap.last_ns, ev->meta.ts_ns) / 1000.0;
    if (s->sap.announcements == 1 || gap < s->sap.interval_min_s)
        s->sap.interval_min_s = gap;
    if (s->sap.announcements == 1 || gap > s->sap.interval_max_s) {
        s->sap.interval_max_s = gap;
        s->sap.interval_max_from = s->sap.last_frame;
        s->sap.interval_max_to = ev->meta.frame;
    }
    s->sap.announcements++;
    s->sap.last_frame = ev->meta.frame;
    s->sap.last_ns = ev->meta.ts_ns;
    s->sap.interval_mean_s =
        ma_ms_between(s->sap.first_ns, s->sap.last_ns) / 1000.0 / (s->sap.announcements - 1);
}

/* "10.9.97.80 msg id 0x1234" */
static char *announcement_name(const ma_sap_msg *m)
{
    char a[MA_ADDR_STRLEN];
    return g_strdup_printf("%s msg id 0x%04x", ma_addr_to_str(&m->origin, a), m->msg_id_hash);
}

static ma_session *announce(ma_correlator *c, const ma_ev_udp *ev, const ma_sap_msg *m)
{
    GError *err = NULL;
    ma_sdp *sdp = ma_sdp_parse((const char *)m->payload, m->payload_len, &err);
    g_clear_error(&err);
    char *name = announcement_name(m);
    ma_session *s = ma_correlator_describe(c, sdp, MA_ORIGIN_SAP, name, ev->meta.frame, NULL);
    g_free(name);
    if (s == NULL) {
        ma_decode_events_raise(&c->events, MA_DE_SAP_NOT_SDP, ev->meta.frame);
        return NULL;
    }
    s->sap.origin = m->origin;
    s->sap.msg_id_hash = m->msg_id_hash;
    s->sap.announcements = 1;
    s->sap.first_frame = s->sap.last_frame = ev->meta.frame;
    s->sap.first_ns = s->sap.last_ns = ev->meta.ts_ns;
    s->sap.size = (guint)MIN(ev->payload_len, (gsize)G_MAXUINT);
    ma_corr_sap_key *k = g_new0(ma_corr_sap_key, 1);
    k->origin = m->origin;
    k->msg_id_hash = m->msg_id_hash;
    g_hash_table_insert(c->sap_index, k, s);
    return s;
}

gboolean ma_corr_sap_datagram(ma_correlator *c, const ma_ev_udp *ev, ma_frame_info *info)
{
    if (ev->dport != MA_SAP_PORT || !ma_sap_is_group(&ev->dst))
        return FALSE;
    if (info != NULL)
        info->role = MA_ROLE_SAP;
    ma_sap_msg m;
    ma_sap_status st = ma_sap_parse(ev->payload, ev->payload_len, &m);
    if (st == MA_SAP_OK && m.auth_len > 0)
        ma_decode_events_raise(&c->events, MA_DE_SAP_AUTH_UNVERIFIED, ev->meta.frame);
    /* a deletion's payload is the session's o= line, not a whole SDP (4) */
    if (st != MA_SAP_OK && !(m.deletion && st == MA_SAP_NOT_SDP)) {
        ma_decode_events_raise(&c->events, refused[st], ev->meta.frame);
        return TRUE;
    }
    ma_corr_sap_key k = {m.origin, m.msg_id_hash};
    ma_session *s = g_hash_table_lookup(c->sap_index, &k);
    if (m.deletion) {
        if (s != NULL && s->sap.deletion_frame == 0) {
            s->sap.deletion_frame = ev->meta.frame;
            s->sap.deletion_ns = ev->meta.ts_ns;
        }
    } else if (s == NULL) {
        s = announce(c, ev, &m);
    } else if (s->sap.deletion_frame == 0) {
        note_repeat(s, ev);
    }
    if (info != NULL)
        info->session = s;
    return TRUE;
}

void ma_corr_sap_forget(ma_correlator *c, const ma_session *s)
{
    if (s->origin != MA_ORIGIN_SAP)
        return;
    ma_corr_sap_key k = {s->sap.origin, s->sap.msg_id_hash};
    if (g_hash_table_lookup(c->sap_index, &k) == s)
        g_hash_table_remove(c->sap_index, &k);
}
