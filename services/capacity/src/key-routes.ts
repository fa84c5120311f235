import type { Router } from 'express';
import { z } from 'zod';
import { CreateClientBody, problem, type ClientView } from '@sluice/contracts';
import type { ClientRecord } from '@sluice/capacity-store';
import { requireJson, sendProblem, sendValidationProblem } from '@sluice/http-kit';
import { hashKey, newClientKey, newPracticeKey, type Principal } from '@sluice/practice-admin';
import type { AdminRoutes } from './admin-routes';

/** A client's or a practice key's id: 12 hex digits. */
const KeyId = z.string().regex(/^[0-9a-f]{12}$/);

/** A client as the API shows it: never the key nor its hash. */
const clientView = (c: ClientRecord): ClientView => ({
  clientId: c.id,
  name: c.name,
  practices: c.practices,
  createdAt: c.createdAt,
  ...(c.rateLimitPerMinute ? { rateLimitPerMinute: c.rateLimitPerMinute } : {}),
});

/** Keys: client keys for online consultation tools, and each practice's own API keys. Only hashes are kept. */
export function keyRoutes(router: Router, { deps, auth, operatorOnly, ods }: AdminRoutes): void {
  // Client keys: an online consultation tool posts requests for the practices its key names. The
  // operator issues, lists and revokes them; only the key's hash is kept.
  router.post('/v1/clients', operatorOnly, requireJson, async (req, res) => {
    const body = CreateClientBody.safeParse(req.body);
    if (!body.success) return sendValidationProblem(res, body.error);
    const practices = [...new Set(body.data.practices)];
    const unknown = [];
    for (const practice of practices) if (!(await deps.repo.isKnownPractice(practice))) unknown.push(practice);
    if (unknown.length) {
      return sendProblem(
        res,
        problem(
          422,
          'Unknown practices',
          'Set each practice up (a rota or settings) before issuing a client key for it.',
          {
            errors: unknown.map((practice) => ({
              path: `practices.${practices.indexOf(practice)}`,
              message: `${practice} is not a practice Sluice serves`,
            })),
          },
        ),
      );
    }
    const { key, id } = newClientKey();
    const record = {
      id,
      name: body.data.name,
      practices,
      hash: hashKey(key),
      createdAt: deps.clock.now().toISOString(),
      ...(body.data.rateLimitPerMinute ? { rateLimitPerMinute: body.data.rateLimitPerMinute } : {}),
    };
    await deps.repo.putClient(record);
    deps.log.info({ clientId: id, practices: practices.length }, 'client key issued');
    res.status(201).json({
      ...clientView(record),
      key,
      note: 'Store this key now: Sluice keeps only its hash and cannot show it again.',
    });
  });

  router.get('/v1/clients', operatorOnly, async (_req, res) => {
    res.json({ clients: (await deps.repo.listClients()).map(clientView) });
  });

  router.delete('/v1/clients/:clientId', operatorOnly, async (req, res) => {
    const id = KeyId.safeParse(req.params.clientId);
    if (!id.success || !(await deps.repo.revokeClient(id.data)))
      return sendProblem(res, problem(404, 'Client not found', 'No client has that id.'));
    deps.log.warn({ clientId: id.data }, 'client key revoked');
    res.status(204).end();
  });

  router.post('/v1/practices/:ods/keys', operatorOnly, async (req, res) => {
    const practice = ods(req, res);
    if (!practice) return;
    const label = z.object({ label: z.string().max(100).optional() }).safeParse(req.body ?? {});
    const { key, id } = newPracticeKey(practice);
    await deps.repo.putApiKey({
      id,
      practice,
      hash: hashKey(key),
      createdAt: deps.clock.now().toISOString(),
      ...(label.success && label.data.label ? { label: label.data.label } : {}),
    });
    deps.log.info({ practice, keyId: id }, 'practice API key issued');
    res.status(201).json({
      practice,
      keyId: id,
      key,
      note: 'Store this key now: Sluice keeps only its hash and cannot show it again.',
    });
  });

  // A practice's keys (never their hashes), and revoking one: the operator or the practice itself (a
  // practice manager who thinks a key has leaked should not have to wait for anyone). Revoking ends
  // the console sessions signed in with that key on their next request.
  router.get('/v1/practices/:ods/keys', auth, async (req, res) => {
    const practice = ods(req, res);
    if (!practice) return;
    const keys = await deps.repo.listApiKeys(practice);
    res.json({
      practice,
      keys: keys.map((k) => ({ keyId: k.id, createdAt: k.createdAt, ...(k.label ? { label: k.label } : {}) })),
    });
  });

  router.delete('/v1/practices/:ods/keys/:keyId', auth, async (req, res) => {
    const practice = ods(req, res);
    if (!practice) return;
    const keyId = KeyId.safeParse(req.params.keyId);
    if (!keyId.success || !(await deps.repo.revokeApiKey(practice, keyId.data))) {
      return sendProblem(res, problem(404, 'Key not found', `Practice ${practice} has no API key with that id.`));
    }
    const by = res.locals.principal as Principal;
    deps.log.warn(
      { practice, keyId: keyId.data, by: by.role === 'operator' ? 'operator' : `key ${by.keyId}` },
      'practice API key revoked',
    );
    res.status(204).end();
  });
}
