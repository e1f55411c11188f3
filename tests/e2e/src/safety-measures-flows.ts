/** The safety measures' steps (Art 5) as staff and partners take them through the gateway. */
import type { Stack } from './stack';

/** The ApiScope that lets a partner answer its reports and challenge the safety measures (Art 5.3). */
export const REPORTS_ACK = 'REPORTS_ACK';

const must = async <T>(stack: Stack, field: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
  const res = await stack.request(query, variables, token);
  if (res.errors || !res.data?.[field]) throw new Error(`${field}: ${JSON.stringify(res.errors ?? res.data)}`);
  return res.data[field] as T;
};

export const createSafetyMeasure = async (
  stack: Stack,
  input: { category: string; title: string; description: string; owner: string; contractId?: string },
): Promise<{ id: string; version: number }> =>
  await must(
    stack,
    'createSafetyMeasure',
    `mutation ($input: CreateSafetyMeasureInput!) { createSafetyMeasure(input: $input) { id version } }`,
    {
      input,
    },
  );

export const applySafetyMeasure = async (stack: Stack, measureId: string, contractIds: string[]): Promise<void> => {
  await must(stack, 'applySafetyMeasure', `mutation ($input: ApplySafetyMeasureInput!) { applySafetyMeasure(input: $input) { id } }`, {
    input: { measureId, contractIds },
  });
};

export const changeSafetyMeasure = async (
  stack: Stack,
  id: string,
  input: { title?: string; description?: string; owner?: string; changeSummary: string },
): Promise<{ id: string; version: number }> =>
  await must(
    stack,
    'changeSafetyMeasure',
    `mutation ($id: ID!, $input: ChangeSafetyMeasureInput!) { changeSafetyMeasure(id: $id, input: $input) { id version } }`,
    { id, input },
  );
