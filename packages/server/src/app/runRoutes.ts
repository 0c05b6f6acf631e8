import type { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../ApiError.js';
import { parseBody } from '../parseBody.js';
import type { AppServices } from './AppServices.js';
import { EXPORT_FORMATS, type ExportFormat, exportRun } from './exportRun.js';
import { parseRunQuery } from './parseRunQuery.js';

const runPatchSchema = z.strictObject({
  title: z.string().optional(),
  tags: z.array(z.string()).optional(),
});

/** `attachment; filename="x.html"`: the name is ASCII without quotes or backslashes (`exportFileName`). */
function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}

/**
 * The run history routes: `GET /api/runs` (list, search, filter, page), `GET|PATCH|DELETE
 * /api/runs/:id`, `GET /api/runs/:id/tree`, `GET /api/runs/:id/export?format=html|md|json`,
 * `GET /api/tags`. The store's errors reach the app's error handler (`errorAnswer`).
 */
export function registerRunRoutes(app: Hono, services: AppServices): void {
  const { store } = services;
  app.get('/api/runs', async (c) => c.json(await store.list(parseRunQuery(c.req.query()))));
  app.get('/api/runs/:id', async (c) => c.json(await store.get(c.req.param('id'))));
  app.patch('/api/runs/:id', async (c) => {
    const patch = await parseBody(c, runPatchSchema);
    const clean: { title?: string; tags?: string[] } = {};
    if (patch.title !== undefined) clean.title = patch.title;
    if (patch.tags !== undefined) clean.tags = patch.tags;
    return c.json(await store.update(c.req.param('id'), clean));
  });
  app.delete('/api/runs/:id', async (c) => {
    const id = c.req.param('id');
    await store.delete(id);
    return c.json({ deleted: id });
  });
  app.get('/api/runs/:id/tree', async (c) => c.json(await store.tree(c.req.param('id'))));
  app.get('/api/runs/:id/export', async (c) => {
    const format = c.req.query('format') ?? 'html';
    if (!EXPORT_FORMATS.includes(format as ExportFormat)) {
      throw ApiError.invalid(
        'format',
        `Invalid 'format': expected one of ${EXPORT_FORMATS.join(', ')}, got ${JSON.stringify(format.slice(0, 40))}`,
      );
    }
    const exported = exportRun(await store.get(c.req.param('id')), format as ExportFormat);
    return c.body(exported.body, 200, {
      'Content-Type': exported.contentType,
      'Content-Disposition': attachment(exported.fileName),
      'Cache-Control': 'no-store',
    });
  });
  app.get('/api/tags', async (c) => c.json(await store.tags()));
}
