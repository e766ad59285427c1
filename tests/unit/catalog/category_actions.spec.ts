import { test } from '@japa/runner'
import Category from '#models/category'
import CreateCategory from '#actions/create_category'
import RenameCategory from '#actions/rename_category'
import MoveCategory from '#actions/move_category'
import ReorderCategories from '#actions/reorder_categories'
import DeleteCategory from '#actions/delete_category'
import {
  assertInvalid,
  assertStatus,
  buildCatalog,
  makeProduct,
  truncateCatalog,
} from '#tests/helpers/catalog'

test.group('Category actions', (group) => {
  group.each.setup(() => truncateCatalog())

  test('a child category gets a materialized path below its parent', async ({ assert }) => {
    const { home, kitchen, kettles } = await buildCatalog()
    assert.equal(home.path, `${home.id}/`)
    assert.equal(kitchen.path, `${home.id}/${kitchen.id}/`)
    assert.equal(kettles.path, `${home.id}/${kitchen.id}/${kettles.id}/`)
    assert.equal(kettles.depth, 2)
    assert.equal(kitchen.slug, 'kitchen')
  })

  test('siblings are appended in order and slugs stay unique', async ({ assert }) => {
    const create = new CreateCategory()
    const first = await create.handle({ name: 'Sale' })
    const second = await create.handle({ name: 'Sale' })
    const third = await create.handle({ name: 'SALE!' })
    assert.deepEqual([first.slug, second.slug, third.slug], ['sale', 'sale-2', 'sale-3'])
    assert.deepEqual([first.position, second.position, third.position], [0, 1, 2])
  })

  test('create refuses invalid input, an unknown parent and a taken slug', async ({ assert }) => {
    const create = new CreateCategory()
    await assertInvalid(assert, create.handle({ name: '' }), 'name')
    await assertInvalid(assert, create.handle({ name: 'X', slug: 'Not A Slug' }), 'slug', 'regex')
    await assertInvalid(assert, create.handle({ name: 'X', parentId: 999 }), 'parentId', 'exists')
    await create.handle({ name: 'Taken' })
    await assertInvalid(assert, create.handle({ name: 'Y', slug: 'taken' }), 'slug', 'unique')
  })

  test('rename keeps the slug unless a new one is given', async ({ assert }) => {
    const { kitchen } = await buildCatalog()
    const renamed = await new RenameCategory().handle(kitchen.id, { name: 'Cooking' })
    assert.equal(renamed.name, 'Cooking')
    assert.equal(renamed.slug, 'kitchen')
    const reslugged = await new RenameCategory().handle(kitchen.id, {
      name: 'Cooking',
      slug: 'cooking',
    })
    assert.equal(reslugged.slug, 'cooking')
    await assertInvalid(assert, new RenameCategory().handle(kitchen.id, { name: '  ' }), 'name')
    await assertStatus(assert, new RenameCategory().handle(999, { name: 'Nope' }), 404)
  })

  test('move rewrites the paths and depths of the whole subtree', async ({ assert }) => {
    const { kitchen, kettles, camping, outdoor } = await buildCatalog()
    const moved = await new MoveCategory().handle(kitchen.id, { parentId: camping.id })
    assert.equal(moved.path, `${outdoor.id}/${camping.id}/${kitchen.id}/`)
    assert.equal(moved.depth, 2)
    const child = await Category.findOrFail(kettles.id)
    assert.equal(child.path, `${outdoor.id}/${camping.id}/${kitchen.id}/${kettles.id}/`)
    assert.equal(child.depth, 3)

    const root = await new MoveCategory().handle(kitchen.id, { parentId: null })
    assert.equal(root.path, `${kitchen.id}/`)
    const movedChild = await Category.findOrFail(kettles.id)
    assert.equal(movedChild.path, `${kitchen.id}/${kettles.id}/`)
  })

  test('move refuses a cycle, an unknown parent and bad input', async ({ assert }) => {
    const { home, kettles } = await buildCatalog()
    const move = new MoveCategory()
    await assertInvalid(assert, move.handle(home.id, { parentId: kettles.id }), 'parentId', 'cycle')
    await assertInvalid(assert, move.handle(home.id, { parentId: home.id }), 'parentId', 'cycle')
    await assertInvalid(assert, move.handle(home.id, { parentId: 999 }), 'parentId', 'exists')
    await assertInvalid(assert, move.handle(home.id, { parentId: 'x' }), 'parentId')
    await assertStatus(assert, move.handle(999, { parentId: null }), 404)
  })

  test('reorder sets the positions of all the children of a parent', async ({ assert }) => {
    const { home, kitchen, lighting } = await buildCatalog()
    const ordered = await new ReorderCategories().handle({
      parentId: home.id,
      ids: [lighting.id, kitchen.id],
    })
    assert.deepEqual(
      ordered.map((category) => [category.id, category.position]),
      [
        [lighting.id, 0],
        [kitchen.id, 1],
      ]
    )
  })

  test('reorder refuses a list that is not exactly the children', async ({ assert }) => {
    const { home, kitchen, camping } = await buildCatalog()
    const reorder = new ReorderCategories()
    await assertInvalid(assert, reorder.handle({ parentId: home.id, ids: [kitchen.id] }), 'ids')
    await assertInvalid(
      assert,
      reorder.handle({ parentId: home.id, ids: [kitchen.id, camping.id] }),
      'ids'
    )
    await assertInvalid(assert, reorder.handle({ parentId: home.id, ids: [] }), 'ids')
  })

  test('delete works only on an empty category', async ({ assert }) => {
    const { home, kettles, lighting } = await buildCatalog()
    await makeProduct({ title: 'Kettle', categoryId: kettles.id })
    const remove = new DeleteCategory()
    await assertStatus(assert, remove.handle(home.id), 409)
    await assertStatus(assert, remove.handle(kettles.id), 409)
    await remove.handle(lighting.id)
    assert.isNull(await Category.find(lighting.id))
    await assertStatus(assert, remove.handle(lighting.id), 404)
  })
})
