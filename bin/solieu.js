#!/usr/bin/env node
// The `solieu` command: loads the TypeScript CLI through tsx (no build step in a checkout).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
