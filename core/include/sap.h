/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sap.h - Session Announcement Protocol, RFC 2974: the header, the optional
 * payload type and the SDP payload of one announcement or deletion.  Every
 * length is checked against the datagram before it is read. */
#ifndef MA_SAP_H
#define MA_SAP_H

#include <glib.h>
#include <stdint.h>
#include "addr.h"

#define MA_SAP_PORT 9875
/* RFC 2974 3: IPv4 global scope 224.2.127.254; IPv6 ff0X::2:7ffe in each
 * scope X (and the top address of administrative IPv4 scopes, which is
 * not recognised here). */
gboolean ma_sap_is_group(const ma_addr *dst);

typedef enum {
    MA_SAP_OK,
    MA_SAP_TRUNCATED,   /* shorter than its header, source or authentication data say */
    MA_SAP_BAD_VERSION, /* V is not 1 */
    MA_SAP_ENCRYPTED,   /* E: the payload is encrypted, unreadable */
    MA_SAP_COMPRESSED,  /* C: the payload is zlib-compressed, not decoded */
    MA_SAP_NOT_SDP,     /* a payload type other than application/sdp, or no payload */
} ma_sap_status;

typedef struct {
    int version;       /* V, 1 */
    gboolean ipv6;     /* A: the originating source is 128 bits */
    gboolean deletion; /* T: 1 deletes the session, 0 announces it */
    gboolean encrypted, compressed;
    guint auth_len; /* authentication data, 32-bit words (not verified) */
    uint16_t msg_id_hash;
    ma_addr origin;            /* originating source */
    gboolean has_payload_type; /* the optional "application/sdp\0" was present */
    const uint8_t *payload;    /* the SDP text, inside the datagram; NULL unless MA_SAP_OK */
    gsize payload_len;
} ma_sap_msg;

/* Parse one SAP datagram (the UDP payload).  Fills what it could read even
 * when the status is not MA_SAP_OK (the header of an encrypted packet). */
ma_sap_status ma_sap_parse(const uint8_t *data, gsize len, ma_sap_msg *out);
const char *ma_sap_status_name(ma_sap_status s); /* "ok", "truncated", ... */

#endif
