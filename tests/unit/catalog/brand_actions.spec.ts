import { test } from '@japa/runner'
import Brand from '#models/brand'
import CreateBrand from '#actions/create_brand'
import UpdateBrand from '#actions/update_brand'
import DeleteBrand from '#actions/delete_brand'
import { assertInvalid, assertStatus, makeProduct, truncateCatalog } from '#tests/helpers/catalog'

test.group('Brand actions', (group) => {
  group.each.setup(() => truncateCatalog())

  test('create generates a unique slug from the name', async ({ assert }) => {
    const first = await new CreateBrand().handle({ name: 'Zeiss Optics' })
    const second = await new CreateBrand().handle({ name: 'Zeiss  Optics' })
    assert.equal(first.slug, 'zeiss-optics')
    assert.equal(second.slug, 'zeiss-optics-2')
  })

  test('concurrent creates with one name still get distinct slugs', async ({ assert }) => {
    const brands = await Promise.all(
      Array.from({ length: 6 }, () => new CreateBrand().handle({ name: 'Same Name' }))
    )
    const slugs = brands.map((brand) => brand.slug).sort()
    assert.lengthOf(new Set(slugs), 6)
    assert.include(slugs, 'same-name')
  })

  test('create and update refuse invalid input', async ({ assert }) => {
    await assertInvalid(assert, new CreateBrand().handle({}), 'name', 'required')
    await assertInvalid(assert, new CreateBrand().handle({ name: 'x'.repeat(161) }), 'name')
    const brand = await new CreateBrand().handle({ name: 'Acme' })
    await new CreateBrand().handle({ name: 'Globex' })
    await assertInvalid(
      assert,
      new UpdateBrand().handle(brand.id, { slug: 'globex' }),
      'slug',
      'unique'
    )
    await assertInvalid(
      assert,
      new UpdateBrand().handle(brand.id, { slug: '-bad-' }),
      'slug',
      'regex'
    )
    await assertStatus(assert, new UpdateBrand().handle(999, { name: 'Nope' }), 404)
  })

  test('update renames and re-slugs', async ({ assert }) => {
    const brand = await new CreateBrand().handle({ name: 'Acme' })
    const updated = await new UpdateBrand().handle(brand.id, {
      name: 'Acme Corp',
      slug: 'acme-corp',
    })
    assert.equal(updated.name, 'Acme Corp')
    assert.equal(updated.slug, 'acme-corp')
  })

  test('delete refuses a brand that has products', async ({ assert }) => {
    const used = await new CreateBrand().handle({ name: 'Used' })
    const unused = await new CreateBrand().handle({ name: 'Unused' })
    await makeProduct({ title: 'Thing', brandId: used.id })
    await assertStatus(assert, new DeleteBrand().handle(used.id), 409)
    await new DeleteBrand().handle(unused.id)
    assert.isNull(await Brand.find(unused.id))
  })
})
