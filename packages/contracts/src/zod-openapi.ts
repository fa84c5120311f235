import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// zod 4 gives each schema its methods when it is made, so .openapi() (which the OpenAPI generator
// names registered schemas with) must be added before any contract schema is built: every module
// that builds one imports this first.
extendZodWithOpenApi(z);
