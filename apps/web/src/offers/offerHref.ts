/** The link to one offer's page (#/offers/<id>). */
export const offerHref = (offerId: string) => `#/offers/${encodeURIComponent(offerId)}`;
