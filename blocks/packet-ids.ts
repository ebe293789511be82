/** The ids of project packets' surfaces: the `/access project` modal, the tracker and the member's buttons. */
export const PACKET_CALLBACK = { modal: 'packet_create' } as const;

export const PACKET_ACTION = {
  name: 'packet_name_input',
  template: 'packet_template_select',
  members: 'packet_members_select',
  plannedStart: 'packet_start_date',
  projectEnd: 'packet_end_date',
  clientOwned: 'packet_client_owned',
  /** A member declines one item (value: its request id). */
  decline: 'packet_decline_item',
  /** The grantee (or an owner) says the access works (value: the request id). */
  itWorks: 'packet_it_works',
  /** The coordinator closes the packet (value: the packet id). */
  close: 'packet_close',
  /** The coordinator's Home: the `/access project` modal. */
  newPacket: 'packet_new',
} as const;

export const PACKET_BLOCK = {
  name: 'packet_name',
  template: 'packet_template',
  members: 'packet_members',
  plannedStart: 'packet_start',
  projectEnd: 'packet_end',
  clientOwned: 'packet_client_owned',
} as const;
