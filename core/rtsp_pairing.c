/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtsp_pairing.c - requests waiting for their reply, by CSeq, on one
 * RTSP connection; bounded so that a broken connection cannot grow it. */
#include "rtsp.h"

struct ma_rtsp_pairing {
    GHashTable *by_cseq; /* GINT_TO_POINTER(cseq) -> request */
    GDestroyNotify free_request;
};

ma_rtsp_pairing *ma_rtsp_pairing_new(GDestroyNotify free_request)
{
    ma_rtsp_pairing *p = g_new0(ma_rtsp_pairing, 1);
    p->by_cseq = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_request);
    p->free_request = free_request;
    return p;
}

void ma_rtsp_pairing_free(ma_rtsp_pairing *p)
{
    if (p == NULL)
        return;
    g_hash_table_destroy(p->by_cseq);
    g_free(p);
}

static void drop_request(ma_rtsp_pairing *p, gpointer request)
{
    if (p->free_request != NULL && request != NULL)
        p->free_request(request);
}

void ma_rtsp_pairing_add(ma_rtsp_pairing *p, int cseq, gpointer request)
{
    if (p == NULL)
        return;
    if (cseq < 0) {
        drop_request(p, request);
        return;
    }
    gpointer key = GINT_TO_POINTER(cseq);
    if (!g_hash_table_contains(p->by_cseq, key) &&
        g_hash_table_size(p->by_cseq) >= MA_RTSP_PAIRING_MAX) {
        /* Unanswered requests pile up on a broken connection: forget the
         * oldest (lowest CSeq) so the table stays bounded. */
        GHashTableIter it;
        gpointer k;
        int lowest = G_MAXINT;
        g_hash_table_iter_init(&it, p->by_cseq);
        while (g_hash_table_iter_next(&it, &k, NULL))
            lowest = MIN(lowest, GPOINTER_TO_INT(k));
        g_hash_table_remove(p->by_cseq, GINT_TO_POINTER(lowest));
    }
    g_hash_table_replace(p->by_cseq, key, request);
}

gpointer ma_rtsp_pairing_take(ma_rtsp_pairing *p, int cseq)
{
    gpointer value = NULL;
    if (p == NULL || cseq < 0)
        return NULL;
    if (!g_hash_table_steal_extended(p->by_cseq, GINT_TO_POINTER(cseq), NULL, &value))
        return NULL;
    return value;
}

guint ma_rtsp_pairing_size(const ma_rtsp_pairing *p)
{
    return p != NULL ? g_hash_table_size(p->by_cseq) : 0;
}

guint ma_rtsp_pairing_drop_if(ma_rtsp_pairing *p, GHRFunc drop, gpointer ud)
{
    return p != NULL ? g_hash_table_foreach_remove(p->by_cseq, drop, ud) : 0;
}
