/** Who acts, as services see it: never a request object, only what the audit trail needs. */
export interface Actor {
  networkId: string;
  type: 'user' | 'api_token' | 'system' | 'anonymous';
  id: string | null;
  requestId: string | null;
  ip: string | null;
}

export const systemActor = (networkId: string): Actor => ({ networkId, type: 'system', id: null, requestId: null, ip: null });
