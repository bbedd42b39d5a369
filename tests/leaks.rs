//! Relationships make reference cycles (a parent's collection holds its
//! children, each child its parent). They must not outlive the session:
//! found by fuzzing (LeakSanitizer), pinned here.

use std::rc::{Rc, Weak};

use ormsh::app::App;
use ormsh::engine::Engine;
use ormsh::eval::Interp;
use ormsh::orm::instance::Instance;
use ormsh::orm::session::Session;

const SCRIPT: &str = "
model Category <
    id = db.Column(db.Integer, primary_key=True)
    posts = db.relationship('Post', backref='category')
>
model Post <
    id = db.Column(db.Integer, primary_key=True)
    category_id = db.Column(db.Integer, db.ForeignKey('category.id'))
>
db.create_all()
pending = Category(posts=[Post(), Post()])
db.session.add(pending)
loose = Category(posts=[Post()])
saved = Category(posts=[Post()])
db.session.add(saved)
db.session.commit()
saved.posts[0].category
";

fn weak(app: &App, name: &str) -> Weak<Instance> {
    let v = app.interp.get_global(name).expect("global");
    let inst: Rc<Instance> = v.downcast::<Instance>().expect("an instance");
    Rc::downgrade(&inst)
}

#[test]
fn related_objects_are_freed_with_the_session() {
    let engine = Engine::open(None, false).unwrap();
    let interp = Interp::new(Session::new(engine), Box::new(std::io::sink()));
    let mut app = App::new(interp, Box::new(std::io::sink()));
    let r = app.run_script(SCRIPT, "<leak>", false, false);
    assert_eq!(r.failures, 0);
    let objects: Vec<Weak<Instance>> = ["pending", "loose", "saved"]
        .iter()
        .map(|n| weak(&app, n))
        .collect();
    assert!(objects.iter().all(|w| w.upgrade().is_some()));
    drop(app);
    for (name, w) in ["pending", "loose", "saved"].iter().zip(&objects) {
        assert!(w.upgrade().is_none(), "{name} outlived its session");
    }
}
