/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Every route under /api is described in the OpenAPI document
| (app/openapi); a test fails when the two disagree.
|
*/
import router from '@adonisjs/core/services/router'

const HealthController = () => import('#controllers/health_controller')
const OpenApiController = () => import('#controllers/openapi_controller')
const ApiDocsController = () => import('#controllers/api_docs_controller')
const ProductsController = () => import('#controllers/products_controller')
const CategoriesController = () => import('#controllers/categories_controller')
const BrandsController = () => import('#controllers/brands_controller')

router.get('/health/live', [HealthController, 'live'])
router.get('/health/ready', [HealthController, 'ready'])

router.get('/openapi.json', [OpenApiController, 'show'])
router.get('/docs', [ApiDocsController, 'page'])
router.get('/docs/init.js', [ApiDocsController, 'init'])
router.get('/docs/assets/:file', [ApiDocsController, 'asset'])

router
  .group(() => {
    // Areas of the API register their routes here.
    router.get('/products', [ProductsController, 'index'])
    router.get('/products/:idOrSlug', [ProductsController, 'show'])
    router.get('/categories', [CategoriesController, 'index'])
    router.get('/brands', [BrandsController, 'index'])
  })
  .prefix('/api/v1')
