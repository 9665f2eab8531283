/** The client the tests' OpenID Connect provider registers for Handoff. */
export const TEST_CLIENT_FOR_E2E = { id: 'handoff-test', secret: 'handoff-test-secret-0123456789' };
