import type { Executor } from '../core/context';

/** The rows of migration 015, typed here so that the shared schema file stays untouched. */
export type BodyTables = {
  body_delegations: {
    id: string;
    version: number;
    body_id: string;
    matter: string;
    delegate_kind: string;
    delegate_title: string;
    delegate_unit_level: string | null;
    delegate_body_id: string | null;
    max_amount_kr: string | bigint | null;
    valid_from: string;
    valid_to: string | null;
    decision_id: string | null;
    created_at: Date;
  };
  body_members: {
    id: string;
    version: number;
    body_id: string;
    user_id: string;
    role: string;
    valid_from: string;
    valid_to: string | null;
    created_at: Date;
  };
};
export const withBodyTables = (db: Executor) => db.withTables<BodyTables>();
