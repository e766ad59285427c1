/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Every route under /api is described in the OpenAPI document
| (app/openapi); a test fails when the two disagree.
|
*/
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { throttleRegistration } from '#start/limiter'

const HealthController = () => import('#controllers/health_controller')
const OpenApiController = () => import('#controllers/openapi_controller')
const ApiDocsController = () => import('#controllers/api_docs_controller')
const AuthController = () => import('#controllers/auth_controller')
const ProfileController = () => import('#controllers/profile_controller')
const PasswordResetsController = () => import('#controllers/password_resets_controller')
const UsersController = () => import('#controllers/users_controller')
const ProductsController = () => import('#controllers/products_controller')
const CategoriesController = () => import('#controllers/categories_controller')
const BrandsController = () => import('#controllers/brands_controller')
const VariantsController = () => import('#controllers/variants_controller')
const ImportsController = () => import('#controllers/imports_controller')

router.get('/health/live', [HealthController, 'live'])
router.get('/health/ready', [HealthController, 'ready'])

router.get('/openapi.json', [OpenApiController, 'show'])
router.get('/docs', [ApiDocsController, 'page'])
router.get('/docs/init.js', [ApiDocsController, 'init'])
router.get('/docs/assets/:file', [ApiDocsController, 'asset'])

router
  .group(() => {
    router
      .group(() => {
        router.post('/register', [AuthController, 'register']).use(throttleRegistration)
        router.post('/login', [AuthController, 'login'])
        router.post('/refresh', [AuthController, 'refresh'])
        router.post('/logout', [AuthController, 'logout'])
        router.post('/logout-all', [AuthController, 'logoutAll']).use(middleware.auth())
        router.get('/me', [ProfileController, 'show']).use(middleware.auth())
        router.patch('/me', [ProfileController, 'update']).use(middleware.auth())
        router.post('/password', [ProfileController, 'changePassword']).use(middleware.auth())
        router.post('/password/reset', [PasswordResetsController, 'request'])
        router.post('/password/reset/confirm', [PasswordResetsController, 'confirm'])
      })
      .prefix('/auth')

    router
      .group(() => {
        router.get('/', [UsersController, 'index'])
        router.get('/:id', [UsersController, 'show'])
        router.patch('/:id', [UsersController, 'update'])
        router.delete('/:id', [UsersController, 'destroy'])
      })
      .prefix('/users')
      .use(middleware.auth())

    router.get('/products', [ProductsController, 'index'])
    router.get('/products/:id', [ProductsController, 'show'])
    router.get('/categories', [CategoriesController, 'index'])
    router.get('/brands', [BrandsController, 'index'])

    // Catalog writes (admins and editors, CatalogPolicy). Writes address resources by id.
    router
      .group(() => {
        router.post('/products', [ProductsController, 'store']).use(middleware.idempotent())
        router.patch('/products/:id', [ProductsController, 'update'])
        router.post('/products/:id/archive', [ProductsController, 'archive'])
        router.delete('/products/:id', [ProductsController, 'destroy'])
        router
          .post('/products/:id/variants', [VariantsController, 'store'])
          .use(middleware.idempotent())
        router.patch('/variants/:id', [VariantsController, 'update'])
        router.delete('/variants/:id', [VariantsController, 'destroy'])
        router.post('/categories', [CategoriesController, 'store']).use(middleware.idempotent())
        router.post('/categories/reorder', [CategoriesController, 'reorder'])
        router.patch('/categories/:id', [CategoriesController, 'update'])
        router.post('/categories/:id/move', [CategoriesController, 'move'])
        router.delete('/categories/:id', [CategoriesController, 'destroy'])
        router.post('/brands', [BrandsController, 'store']).use(middleware.idempotent())
        router.patch('/brands/:id', [BrandsController, 'update'])
        router.delete('/brands/:id', [BrandsController, 'destroy'])
      })
      .use(middleware.auth())

    router
      .group(() => {
        router.post('/', [ImportsController, 'store'])
        router.get('/', [ImportsController, 'index'])
        router.get('/:id', [ImportsController, 'show'])
        router.get('/:id/errors', [ImportsController, 'errors'])
      })
      .prefix('/imports')
      .use(middleware.auth())
  })
  .prefix('/api/v1')

/*
| Test support, never routed outside NODE_ENV=test, for tests that run the API as a process
| of its own: requests held in flight, what the request knows about its client.
*/
if (app.inTest) {
  const TestSupportController = () => import('#controllers/test_support_controller')
  router.get('/__tests__/slow', [TestSupportController, 'slow'])
  router.get('/__tests__/slow/waiting', [TestSupportController, 'waiting'])
  router.get('/__tests__/client', [TestSupportController, 'client'])
}
