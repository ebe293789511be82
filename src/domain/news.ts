/** What people are told as a request and its grant move on. */

/** News for the requester about their request. */
export type RequesterNews = 'submitted' | 'step_approved' | 'approved' | 'denied' | 'cancelled' | 'blocked';

/**
 * A step the requester's news thread tells: their request's news, or their access ready or
 * ended (the grant messages with their buttons are the grantee's own).
 */
export type RequesterNewsStep = RequesterNews | 'access_ready' | 'access_ended';

/** News for the grantee about their access: in place, ending soon, ended. */
export type GranteeNews = 'granted' | 'ending_soon' | 'ended';
