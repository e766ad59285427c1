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

const HealthController = () => import('#controllers/health_controller')
const OpenApiController = () => import('#controllers/openapi_controller')
const ApiDocsController = () => import('#controllers/api_docs_controller')

router.get('/health/live', [HealthController, 'live'])
router.get('/health/ready', [HealthController, 'ready'])

router.get('/openapi.json', [OpenApiController, 'show'])
router.get('/docs', [ApiDocsController, 'page'])
router.get('/docs/init.js', [ApiDocsController, 'init'])
router.get('/docs/assets/:file', [ApiDocsController, 'asset'])

router
  .group(() => {
    // Areas of the API register their routes here.
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
