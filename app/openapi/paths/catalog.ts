import {
  type JsonSchema,
  type OpenApiBuilder,
  jsonResponse,
  ref,
  schemaOf,
} from '#openapi/document'
import { productListValidator } from '#validators/product'
import { categoryListValidator } from '#validators/category'
import { SORT_KEYS } from '#queries/product_list_query'
import { DEFAULT_PER_PAGE, EXACT_TOTAL_CAP, MAX_OFFSET } from '#queries/list_products'

const money = { type: 'string', pattern: '^[0-9]+\\.[0-9]{2}$', examples: ['19.99'] }
const dateTime = { type: 'string', format: 'date-time' }
const reference = {
  type: 'object',
  required: ['id', 'slug', 'name'],
  properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' } },
}

const descriptions: Record<string, string> = {
  category: 'Category slug or id; the category and everything below it.',
  brand: 'Brand slugs or ids, comma-separated or repeated; any of them.',
  priceMin: 'Products whose price range reaches at least this amount (decimal string).',
  priceMax: 'Products whose price range starts at or below this amount (decimal string).',
  inStock: '`true`: some stock; `false`: none.',
  tags: 'Tag slugs, comma-separated; see `tagMatch`.',
  tagMatch: '`all` (default): every tag; `any`: at least one.',
  status:
    '`active` (default). `draft` and `archived` only with an editor or admin token; otherwise 400.',
  q: 'Search: full-text with ranking over title and description, forgiving typos and prefixes.',
  sort: `One of ${SORT_KEYS.map((key) => `\`${key}\``).join(', ')}. Default: \`relevance\` with \`q\`, \`-createdAt\` otherwise. Unknown: 400.`,
  page: `Page number (1-based). Pages that skip more than ${MAX_OFFSET} rows are refused (400): use \`cursor\`.`,
  perPage: `Page size, at most 100 (default ${DEFAULT_PER_PAGE}).`,
  cursor:
    'Opaque, signed keyset cursor from `meta.nextCursor`; valid only with the same filters and sort. Tampered: 400.',
  facets: 'Comma-separated: `category`, `brand`, `price`.',
}

/**
 * Query parameters derived from the listing's VineJS validator, so the document and the
 * checks cannot drift apart.
 */
function listParameters() {
  const schema = schemaOf(productListValidator) as { properties: Record<string, JsonSchema> }
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    description: descriptions[name],
    schema: name === 'sort' ? { enum: [...SORT_KEYS] } : property,
  }))
}

const cacheHeaders = {
  'ETag': { schema: { type: 'string' }, description: 'Send back in If-None-Match to get a 304.' },
  'Cache-Control': { schema: { type: 'string' } },
}

/** Public reads: no token, or a bearer token that may unlock more. */
const optionalBearer: Record<string, string[]>[] = [{}, { bearerAuth: [] }]

const notModified = { description: 'Not modified: the If-None-Match ETag still matches.' }

export function registerCatalogPaths(builder: OpenApiBuilder) {
  builder
    .tag('Catalog', 'Public reads: product discovery, product detail, categories and brands.')
    .schema('ProductSummary', {
      type: 'object',
      required: [
        'id',
        'slug',
        'title',
        'status',
        'brand',
        'category',
        'priceMin',
        'priceMax',
        'currency',
        'stockTotal',
        'image',
        'createdAt',
        'updatedAt',
      ],
      properties: {
        id: { type: 'integer' },
        slug: { type: 'string' },
        title: { type: 'string' },
        status: { enum: ['draft', 'active', 'archived'] },
        brand: { oneOf: [reference, { type: 'null' }] },
        category: { oneOf: [reference, { type: 'null' }] },
        priceMin: money,
        priceMax: money,
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        stockTotal: { type: 'integer', minimum: 0 },
        image: {
          oneOf: [
            {
              type: 'object',
              required: ['url', 'alt'],
              properties: { url: { type: 'string' }, alt: { type: 'string' } },
            },
            { type: 'null' },
          ],
        },
        createdAt: dateTime,
        updatedAt: dateTime,
      },
      additionalProperties: false,
    })
    .schema('ProductListMeta', {
      type: 'object',
      required: ['total', 'totalIsEstimate', 'perPage', 'currentPage', 'lastPage', 'nextCursor'],
      properties: {
        total: {
          type: 'integer',
          minimum: 0,
          description: `Exact up to ${EXACT_TOTAL_CAP}, estimated beyond (see totalIsEstimate).`,
        },
        totalIsEstimate: { type: 'boolean' },
        perPage: { type: 'integer' },
        currentPage: { type: ['integer', 'null'], description: 'null when paging by cursor.' },
        lastPage: { type: ['integer', 'null'] },
        nextCursor: {
          type: ['string', 'null'],
          description: 'Pass as `cursor` for the next page; null on the last page.',
        },
      },
      additionalProperties: false,
    })
    .schema('CountedReference', {
      type: 'object',
      required: ['id', 'slug', 'name', 'count'],
      properties: { ...reference.properties, count: { type: 'integer', minimum: 1 } },
    })
    .schema('ProductFacets', {
      type: 'object',
      properties: {
        categories: {
          type: 'array',
          description:
            'The next level below the selected category (the roots without one), with matches in each subtree.',
          items: ref('schemas', 'CountedReference'),
        },
        brands: { type: 'array', items: ref('schemas', 'CountedReference') },
        price: {
          oneOf: [
            { type: 'object', required: ['min', 'max'], properties: { min: money, max: money } },
            { type: 'null' },
          ],
        },
      },
      additionalProperties: false,
    })
    .schema('Product', {
      type: 'object',
      required: [
        'id',
        'slug',
        'title',
        'description',
        'status',
        'brand',
        'category',
        'tags',
        'attributes',
        'priceMin',
        'priceMax',
        'currency',
        'stockTotal',
        'variants',
        'images',
        'createdAt',
        'updatedAt',
      ],
      properties: {
        id: { type: 'integer' },
        slug: { type: 'string' },
        title: { type: 'string' },
        description: { type: 'string' },
        status: { enum: ['draft', 'active', 'archived'] },
        brand: { oneOf: [reference, { type: 'null' }] },
        category: {
          oneOf: [
            {
              type: 'object',
              required: ['id', 'slug', 'name', 'path'],
              properties: {
                ...reference.properties,
                path: {
                  type: 'array',
                  description: 'Breadcrumb: root first, this category last.',
                  items: reference,
                },
              },
            },
            { type: 'null' },
          ],
        },
        tags: { type: 'array', items: { type: 'string' } },
        attributes: { type: 'object' },
        priceMin: money,
        priceMax: money,
        currency: { type: 'string' },
        stockTotal: { type: 'integer' },
        variants: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: [
              'id',
              'sku',
              'title',
              'options',
              'price',
              'compareAtPrice',
              'stock',
              'barcode',
              'weightGrams',
              'position',
            ],
            properties: {
              id: { type: 'integer' },
              sku: { type: 'string' },
              title: { type: 'string' },
              options: { type: 'object', additionalProperties: { type: 'string' } },
              price: money,
              compareAtPrice: { oneOf: [money, { type: 'null' }] },
              stock: { type: 'integer', minimum: 0 },
              barcode: { type: ['string', 'null'] },
              weightGrams: { type: ['integer', 'null'] },
              position: { type: 'integer' },
            },
          },
        },
        images: {
          type: 'array',
          items: {
            type: 'object',
            required: ['url', 'alt', 'position'],
            properties: {
              url: { type: 'string' },
              alt: { type: 'string' },
              position: { type: 'integer' },
            },
          },
        },
        createdAt: dateTime,
        updatedAt: dateTime,
      },
    })
    .schema('CategoryNode', {
      type: 'object',
      required: ['id', 'parentId', 'slug', 'name', 'position', 'depth', 'productCount'],
      properties: {
        id: { type: 'integer' },
        parentId: { type: ['integer', 'null'] },
        slug: { type: 'string' },
        name: { type: 'string' },
        position: { type: 'integer' },
        depth: { type: 'integer', minimum: 0 },
        isActive: { type: 'boolean', description: 'Only in the answers of catalog writes.' },
        productCount: {
          type: 'integer',
          minimum: 0,
          description: 'Active products in this category and below.',
        },
        children: {
          type: 'array',
          items: ref('schemas', 'CategoryNode'),
          description: 'Only in the tree format.',
        },
      },
    })
    .schema('Brand', {
      type: 'object',
      required: ['id', 'slug', 'name', 'productCount'],
      properties: { ...reference.properties, productCount: { type: 'integer', minimum: 0 } },
    })
    .operation('get', '/api/v1/products', {
      operationId: 'listProducts',
      summary: 'Discover products: filters, search, sort, page or cursor, facets',
      description:
        'Public listing of active products. Unknown parameters and sort keys are 400; invalid values 422. ' +
        'A token is optional; when sent it must be valid (401), an editor or admin may filter by ' +
        'any `status`, and the answer is `Cache-Control: private, no-store`.',
      tags: ['Catalog'],
      security: optionalBearer,
      parameters: listParameters(),
      responses: {
        200: jsonResponse(
          'A page of products',
          {
            type: 'object',
            required: ['data', 'meta'],
            properties: {
              data: { type: 'array', items: ref('schemas', 'ProductSummary') },
              meta: ref('schemas', 'ProductListMeta'),
              facets: ref('schemas', 'ProductFacets'),
            },
            additionalProperties: false,
          },
          cacheHeaders
        ),
        304: notModified,
        400: ref('responses', 'BadRequest'),
        401: ref('responses', 'Unauthenticated'),
        422: ref('responses', 'ValidationFailed'),
      },
    })
    .operation('get', '/api/v1/products/:id', {
      operationId: 'showProduct',
      summary: 'One active product by id or slug, with variants, images and breadcrumb',
      description:
        'With an editor or admin token, drafts and archived products too (and ' +
        '`Cache-Control: private, no-store`); a token sent must be valid (401).',
      tags: ['Catalog'],
      security: optionalBearer,
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'A product id or slug.',
          schema: { type: 'string' },
        },
      ],
      responses: {
        200: jsonResponse(
          'The product',
          { type: 'object', required: ['data'], properties: { data: ref('schemas', 'Product') } },
          cacheHeaders
        ),
        304: notModified,
        400: ref('responses', 'BadRequest'),
        401: ref('responses', 'Unauthenticated'),
        404: ref('responses', 'NotFound'),
      },
    })
    .operation('get', '/api/v1/categories', {
      operationId: 'listCategories',
      summary: 'Active categories as a tree (default) or a flat list, with product counts',
      tags: ['Catalog'],
      parameters: Object.entries(
        (schemaOf(categoryListValidator) as { properties: Record<string, JsonSchema> }).properties
      ).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
      responses: {
        200: jsonResponse(
          'The categories',
          {
            type: 'object',
            required: ['data', 'meta'],
            properties: {
              data: { type: 'array', items: ref('schemas', 'CategoryNode') },
              meta: {
                type: 'object',
                required: ['format', 'total'],
                properties: { format: { enum: ['tree', 'flat'] }, total: { type: 'integer' } },
              },
            },
          },
          cacheHeaders
        ),
        304: notModified,
        400: ref('responses', 'BadRequest'),
        422: ref('responses', 'ValidationFailed'),
      },
    })
    .operation('get', '/api/v1/brands', {
      operationId: 'listBrands',
      summary: 'All brands by name, with their number of active products',
      tags: ['Catalog'],
      responses: {
        200: jsonResponse(
          'The brands',
          {
            type: 'object',
            required: ['data', 'meta'],
            properties: {
              data: { type: 'array', items: ref('schemas', 'Brand') },
              meta: {
                type: 'object',
                required: ['total'],
                properties: { total: { type: 'integer' } },
              },
            },
          },
          cacheHeaders
        ),
        304: notModified,
      },
    })
}
