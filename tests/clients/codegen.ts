// graphql-codegen against the running endpoint with its default introspection: TypeScript types for the schema.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: `${process.env.PLATFORM_URL ?? 'http://127.0.0.1:5080'}/graphql`,
  generates: { 'generated/schema.ts': { plugins: ['typescript'] } },
  silent: false,
};
export default config;
