/** What people are told as a request and its grant move on. */

/** News for the requester about their request. */
export type RequesterNews = 'submitted' | 'step_approved' | 'approved' | 'denied' | 'cancelled' | 'blocked';

/** News for the grantee about their access: in place, ending soon, ended. */
export type GranteeNews = 'granted' | 'ending_soon' | 'ended';
