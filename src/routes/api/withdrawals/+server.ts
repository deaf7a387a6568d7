import { json } from '@sveltejs/kit';
import { signedWithdrawalList } from '$lib/server/packs/withdrawals';
import { reviewServices } from '$lib/server/review/server';

/**
 * The signed withdrawal list: withdrawn versions and compromised keys. Tablets fetch it whenever they
 * reach the server, verify it with the keys of /api/keys, and delete what it names.
 */
export async function GET() {
	const { repos, withdrawnKeys, signer } = await reviewServices();
	return json(await signedWithdrawalList(repos, withdrawnKeys, signer), {
		headers: { 'cache-control': 'no-cache' }
	});
}
