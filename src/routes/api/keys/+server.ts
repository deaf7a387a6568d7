import { json } from '@sveltejs/kit';
import { reviewServices } from '$lib/server/review/server';

/** The public keys whose approval signatures this server trusts (its own first). Tablets verify packs with them. */
export async function GET() {
	const { service, signer } = await reviewServices();
	return json({ signingKeyId: signer.key.id, keys: service.trustedKeys });
}
