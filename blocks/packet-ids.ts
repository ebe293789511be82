/** The ids of project packets' surfaces: the `/access project` modal, the tracker and the member's buttons. */
export const PACKET_CALLBACK = {
  modal: 'packet_create',
  /** Add people or access to a packet (private_metadata: the packet id). */
  add: 'packet_add',
} as const;

export const PACKET_ACTION = {
  name: 'packet_name_input',
  template: 'packet_template_select',
  members: 'packet_members_select',
  plannedStart: 'packet_start_date',
  projectEnd: 'packet_end_date',
  clientOwned: 'packet_client_owned',
  trackerChannel: 'packet_tracker_channel',
  /** A member declines one item (value: its request id). */
  decline: 'packet_decline_item',
  /** The grantee's It works, or an owner's Mark verified / Client granted on their card (value: the request id). */
  itWorks: 'packet_it_works',
  /** The coordinator closes the packet (value: the packet id). */
  close: 'packet_close',
  /** The coordinator's Home: the `/access project` modal. */
  newPacket: 'packet_new',
  /** The tracker's Add people or access (value: the packet id), and its modal's fields. */
  add: 'packet_add',
  addMembers: 'packet_add_members',
  /** `system/role`: catalog ids never hold a slash. */
  addAccess: 'packet_add_access',
  addDuration: 'packet_add_duration',
} as const;

export const PACKET_BLOCK = {
  name: 'packet_name',
  template: 'packet_template',
  members: 'packet_members',
  plannedStart: 'packet_start',
  projectEnd: 'packet_end',
  clientOwned: 'packet_client_owned',
  trackerChannel: 'packet_tracker_channel',
  addMembers: 'packet_add_members',
  addAccess: 'packet_add_access',
  addDuration: 'packet_add_duration',
} as const;
