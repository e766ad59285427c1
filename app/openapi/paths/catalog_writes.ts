import { type OpenApiBuilder, jsonBody, jsonResponse, ref, schemaOf } from '#openapi/document'
import {
  createProductValidator,
  createVariantValidator,
  updateProductValidator,
  updateVariantValidator,
} from '#validators/product'
import {
  createCategoryValidator,
  moveCategoryValidator,
  renameCategoryValidator,
  reorderCategoriesValidator,
} from '#validators/category'
import { createBrandValidator, updateBrandValidator } from '#validators/brand'
import { IDEMPOTENCY_TTL_SECONDS } from '#services/idempotency_store'

const bearer = [{ bearerAuth: [] }]
const tags = ['Catalog writes']

const idParameter = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `${description} A non-numeric or unknown id is a 404.`,
  schema: { type: 'integer', minimum: 1 },
})

const one = (schema: string, description: string, headers?: object) =>
  jsonResponse(
    description,
    { type: 'object', required: ['data'], properties: { data: ref('schemas', schema) } },
    headers
  )

const createdHeaders = {
  'Location': { schema: { type: 'string' }, description: 'The URL of the created resource.' },
  'Idempotent-Replayed': {
    schema: { const: 'true' },
    description: 'Present when this is the stored answer of an earlier request with the same key.',
  },
}

const replayedHeader = { 'Idempotent-Replayed': createdHeaders['Idempotent-Replayed'] }

/** What every write answers besides its success. */
const errors = {
  401: ref('responses', 'Unauthenticated'),
  403: ref('responses', 'Forbidden'),
  422: ref('responses', 'ValidationFailed'),
}

const creatingErrors = {
  ...errors,
  400: ref('responses', 'BadRequest'),
  409: {
    description:
      'A request with the same Idempotency-Key is still being processed (retry after `Retry-After` seconds).',
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
    content: { 'application/problem+json': { schema: ref('schemas', 'Problem') } },
  },
}

const deleted = { description: 'Deleted.' }

export function registerCatalogWritePaths(builder: OpenApiBuilder) {
  builder
    .tag(
      'Catalog writes',
      'Editors and admins maintain the catalog (a bearer token with role `editor` or `admin`; ' +
        'customers get 403). Writes address resources by id.'
    )
    .parameter('IdempotencyKey', {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Makes a retried create safe. The first request with a key runs; a successful answer ' +
        `is kept for ${IDEMPOTENCY_TTL_SECONDS / 3600} hours per user and replayed (status, body, ` +
        'Location, plus `Idempotent-Replayed: true`) for the same key and body without creating ' +
        'again. The same key with another body or route is a 422; while the first is running, ' +
        'a 409. Failed requests are not kept, so a corrected retry may reuse the key. ' +
        '1 to 255 visible ASCII characters (a UUID); other values are a 400.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    })

    .operation('post', '/api/v1/products', {
      operationId: 'createProduct',
      summary: 'Create a product with its variants, images and tags',
      description:
        'Slug from the title when not given (kept unique). Status defaults to `draft`. SKUs ' +
        'must be unused (422 `unique`); brand and category must exist (422 `exists`).',
      tags,
      security: bearer,
      parameters: [ref('parameters', 'IdempotencyKey')],
      requestBody: jsonBody(schemaOf(createProductValidator)),
      responses: {
        201: one(
          'Product',
          'Created: the product as GET /api/v1/products/{id} shows it',
          createdHeaders
        ),
        ...creatingErrors,
      },
    })
    .operation('patch', '/api/v1/products/:id', {
      operationId: 'updateProduct',
      summary: "Change a product's fields; `images` and `tags`, when given, replace the sets",
      tags,
      security: bearer,
      parameters: [idParameter('Product id.')],
      requestBody: jsonBody(schemaOf(updateProductValidator)),
      responses: {
        200: one('Product', 'The product as it is now'),
        ...errors,
        404: ref('responses', 'NotFound'),
      },
    })
    .operation('post', '/api/v1/products/:id/archive', {
      operationId: 'archiveProduct',
      summary: 'Archive a product (status `archived`: off the storefront, kept)',
      tags,
      security: bearer,
      parameters: [idParameter('Product id.')],
      responses: {
        200: one('Product', 'The archived product'),
        401: errors[401],
        403: errors[403],
        404: ref('responses', 'NotFound'),
      },
    })
    .operation('delete', '/api/v1/products/:id', {
      operationId: 'deleteProduct',
      summary: 'Delete a product with its variants and images',
      tags,
      security: bearer,
      parameters: [idParameter('Product id.')],
      responses: {
        204: deleted,
        401: errors[401],
        403: errors[403],
        404: ref('responses', 'NotFound'),
      },
    })

    .operation('post', '/api/v1/products/:id/variants', {
      operationId: 'addVariant',
      summary: 'Add a variant to a product',
      description:
        'Answers the whole product: its price range and stock total follow the variants.',
      tags,
      security: bearer,
      parameters: [idParameter('Product id.'), ref('parameters', 'IdempotencyKey')],
      requestBody: jsonBody(schemaOf(createVariantValidator)),
      responses: {
        201: one('Product', 'Created: the product with its new variant', createdHeaders),
        ...creatingErrors,
        404: ref('responses', 'NotFound'),
      },
    })
    .operation('patch', '/api/v1/variants/:id', {
      operationId: 'updateVariant',
      summary: 'Change a variant',
      description: 'Answers the whole product the variant belongs to.',
      tags,
      security: bearer,
      parameters: [idParameter('Variant id.')],
      requestBody: jsonBody(schemaOf(updateVariantValidator)),
      responses: {
        200: one('Product', 'The product of the variant'),
        ...errors,
        404: ref('responses', 'NotFound'),
      },
    })
    .operation('delete', '/api/v1/variants/:id', {
      operationId: 'removeVariant',
      summary: 'Remove a variant; a product keeps at least one (409)',
      tags,
      security: bearer,
      parameters: [idParameter('Variant id.')],
      responses: {
        204: deleted,
        401: errors[401],
        403: errors[403],
        404: ref('responses', 'NotFound'),
        409: ref('responses', 'Conflict'),
      },
    })

    .operation('post', '/api/v1/categories', {
      operationId: 'createCategory',
      summary: 'Create a category under a parent (or as a root)',
      description: 'Last among its siblings unless `position` is given; slug from the name.',
      tags,
      security: bearer,
      parameters: [ref('parameters', 'IdempotencyKey')],
      requestBody: jsonBody(schemaOf(createCategoryValidator)),
      responses: {
        201: one(
          'CategoryNode',
          'Created: the category as a node (with `isActive`)',
          replayedHeader
        ),
        ...creatingErrors,
      },
    })
    .operation('post', '/api/v1/categories/reorder', {
      operationId: 'reorderCategories',
      summary: "Set the order of one parent's children",
      description: 'The list must name every child of the parent exactly once (422 `children`).',
      tags,
      security: bearer,
      requestBody: jsonBody(schemaOf(reorderCategoriesValidator)),
      responses: {
        200: jsonResponse('The children in their new order', {
          type: 'object',
          required: ['data', 'meta'],
          properties: {
            data: { type: 'array', items: ref('schemas', 'CategoryNode') },
            meta: {
              type: 'object',
              required: ['total'],
              properties: { total: { type: 'integer' } },
            },
          },
        }),
        ...errors,
      },
    })
    .operation('patch', '/api/v1/categories/:id', {
      operationId: 'renameCategory',
      summary: 'Rename a category (the slug changes only when given), or (de)activate it',
      tags,
      security: bearer,
      parameters: [idParameter('Category id.')],
      requestBody: jsonBody(schemaOf(renameCategoryValidator)),
      responses: {
        200: one('CategoryNode', 'The category'),
        ...errors,
        404: ref('responses', 'NotFound'),
      },
    })
    .operation('post', '/api/v1/categories/:id/move', {
      operationId: 'moveCategory',
      summary: 'Move a category and its subtree under another parent (`null`: to the roots)',
      description:
        'Moving a category under itself or one of its descendants is refused: 422 with rule ' +
        '`cycle` on `parentId`.',
      tags,
      security: bearer,
      parameters: [idParameter('Category id.')],
      requestBody: jsonBody(schemaOf(moveCategoryValidator)),
      responses: {
        200: one('CategoryNode', 'The category in its new place'),
        ...errors,
        404: ref('responses', 'NotFound'),
      },
    })
    .operation('delete', '/api/v1/categories/:id', {
      operationId: 'deleteCategory',
      summary: 'Delete an empty category (409 while it has subcategories or products)',
      tags,
      security: bearer,
      parameters: [idParameter('Category id.')],
      responses: {
        204: deleted,
        401: errors[401],
        403: errors[403],
        404: ref('responses', 'NotFound'),
        409: ref('responses', 'Conflict'),
      },
    })

    .operation('post', '/api/v1/brands', {
      operationId: 'createBrand',
      summary: 'Create a brand (slug from the name unless given)',
      tags,
      security: bearer,
      parameters: [ref('parameters', 'IdempotencyKey')],
      requestBody: jsonBody(schemaOf(createBrandValidator)),
      responses: {
        201: one('Brand', 'Created: the brand as GET /api/v1/brands lists it', replayedHeader),
        ...creatingErrors,
      },
    })
    .operation('patch', '/api/v1/brands/:id', {
      operationId: 'updateBrand',
      summary: "Change a brand's name or slug",
      tags,
      security: bearer,
      parameters: [idParameter('Brand id.')],
      requestBody: jsonBody(schemaOf(updateBrandValidator)),
      responses: {
        200: one('Brand', 'The brand'),
        ...errors,
        404: ref('responses', 'NotFound'),
      },
    })
    .operation('delete', '/api/v1/brands/:id', {
      operationId: 'deleteBrand',
      summary: 'Delete a brand without products (409 otherwise)',
      tags,
      security: bearer,
      parameters: [idParameter('Brand id.')],
      responses: {
        204: deleted,
        401: errors[401],
        403: errors[403],
        404: ref('responses', 'NotFound'),
        409: ref('responses', 'Conflict'),
      },
    })
}
